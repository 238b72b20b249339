import { AimOutlined, CheckCircleFilled, CloseOutlined, CopyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Form, Input, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../lib/api-client';
import { readAsBase64 } from '../lib/files';
import { GOOD_ACCURACY_M, useGeolocation, type Fix } from '../features/survey/hooks/use-geolocation';
import { errorMessageOf } from '../ui/feedback';
import { fetchPublicForm, submitPublicTip } from './public-api';
import { PublicLayout } from './public-layout';
import { TipPhotoPicker, type PickedPhoto } from './tip-photo-picker';

type Values = { content: string; address: string; name?: string; phone?: string };
type FormTicket = { token: string; minSeconds: number; receivedAt: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Copies to the clipboard; falls back to a selected textarea where the Clipboard API is unavailable (plain http). */
async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // fall through
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** The receipt: the tracking code, big, to be copied or written down. */
function Receipt({ code, onAnother }: { code: string; onAnother: () => void }) {
  const { message } = App.useApp();
  return (
    <section className="ws-public-card ws-public-done" aria-live="polite">
      <CheckCircleFilled className="ws-public-done__icon" />
      <div className="ws-public-done__title">举报已提交，感谢您的支持</div>
      <Typography.Text type="secondary">市封停办将尽快交办属地核查，并在办结后答复。</Typography.Text>
      <div className="ws-public-code-box">
        <div className="ws-public-code-box__label">您的查询码</div>
        <div className="ws-public-code" data-testid="tracking-code">
          {code}
        </div>
        <Button
          icon={<CopyOutlined />}
          onClick={async () => ((await copyText(code)) ? message.success('查询码已复制') : message.warning('无法自动复制，请长按查询码手动复制'))}
          data-testid="tracking-code-copy"
        >
          复制查询码
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
        请截图或抄下查询码。凭查询码可查看办理进度和答复；查询码不包含您的任何身份信息，请勿告诉他人。
      </Typography.Paragraph>
      <div className="ws-public-actions">
        <Link to={`/tip/status?code=${encodeURIComponent(code)}`}>
          <Button type="primary" block data-testid="tracking-status-link">
            查询办理进度
          </Button>
        </Link>
        <Button block onClick={onAnother}>
          继续举报其他情况
        </Button>
      </div>
    </section>
  );
}

/** 我要举报: anyone, no login, anonymous unless they leave a name or phone. */
export function TipReportPage() {
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [fix, setFix] = useState<Fix | null>(null);
  const [website, setWebsite] = useState('');
  const [ticket, setTicket] = useState<FormTicket | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const geo = useGeolocation();
  const top = useRef<HTMLDivElement>(null);

  /** A fresh form token: the server refuses a submission sent sooner than `minSeconds` after it. */
  const loadTicket = useCallback(async (): Promise<FormTicket> => {
    const f = await fetchPublicForm();
    const t = { token: f.formToken, minSeconds: f.minSeconds, receivedAt: Date.now() };
    setTicket(t);
    return t;
  }, []);

  useEffect(() => {
    loadTicket().catch(() => setTicket(null)); // asked again on submit
  }, [loadTicket]);

  const submit = useMutation({
    meta: { silentErrors: true },
    mutationFn: async (v: Values) => {
      const t = ticket ?? (await loadTicket());
      // a person who types fast still waits out the minimum (the server would refuse otherwise)
      const wait = t.minSeconds * 1000 + 400 - (Date.now() - t.receivedAt);
      if (wait > 0) await sleep(wait);
      const encoded = [];
      for (const p of photos) encoded.push({ fileName: p.fileName, content: await readAsBase64(p.blob) });
      return submitPublicTip({
        content: v.content.trim(),
        address: v.address.trim(),
        lat: fix?.lat ?? null,
        lng: fix?.lng ?? null,
        name: text(v.name),
        phone: text(v.phone),
        photos: encoded,
        website,
      }, t.token);
    },
    onSuccess: (r) => {
      photos.forEach((p) => URL.revokeObjectURL(p.previewUrl));
      setPhotos([]);
      setReceipt(r.trackingCode);
      // a form token is used once: another tip from this page needs a fresh one
      void loadTicket().catch(() => setTicket(null));
      window.scrollTo({ top: 0 });
    },
    onError: (err) => {
      // an expired page gets a new token, so the next press goes through
      if (err instanceof ApiError && err.status === 400 && (err.message.includes('过期') || err.message.includes('已经提交过'))) void loadTicket().catch(() => setTicket(null));
      top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
  });

  const locate = async () => {
    const f = await geo.locate();
    if (f) setFix(f);
  };

  const another = () => {
    form.resetFields();
    setFix(null);
    setReceipt(null);
    submit.reset();
    void loadTicket().catch(() => setTicket(null));
  };

  return (
    <PublicLayout active="report" title="我要举报">
      {receipt ? (
        <Receipt code={receipt} onAnother={another} />
      ) : (
        <section className="ws-public-card" ref={top}>
          <h1 className="ws-public-card__title">举报自备井</h1>
          <p className="ws-public-intro">发现有单位或个人私自打井、使用地下水井（自备井），或已封的井又偷偷启用，请在这里告诉我们。</p>
          <div className="ws-public-privacy" data-testid="tip-privacy">
            <SafetyCertificateOutlined />
            <span>可以匿名举报：不填姓名和电话即为匿名；您的身份信息只有市封停办可见，并依法保密。</span>
          </div>
          {submit.isError && <Alert type="error" showIcon title={errorMessageOf(submit.error)} style={{ marginBottom: 16 }} data-testid="tip-error" />}
          <Form<Values>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            scrollToFirstError={{ block: 'center' }}
            className="ws-public-form"
            disabled={submit.isPending}
            onFinish={(v) => submit.mutate(v)}
            onValuesChange={() => submit.isError && submit.reset()}
          >
            <Form.Item
              name="content"
              label="情况说明"
              rules={[
                { required: true, whitespace: true, message: '请说明您发现的情况' },
                { validator: async (_, v: string | undefined) => { if (v && v.trim().length > 0 && v.trim().length < 10) throw new Error('请至少用 10 个字说明情况'); } },
                { max: 2000, message: '情况说明不能超过 2000 字' },
              ]}
            >
              <Input.TextArea
                rows={5}
                maxLength={2000}
                showCount
                placeholder="如：某某小区东门旁的洗车店院内有一眼井，每天抽水洗车，已经用了好几年。"
                data-testid="tip-content"
              />
            </Form.Item>
            <Form.Item label="地点" required>
              <div className="ws-public-place">
                <Form.Item name="address" noStyle rules={[{ required: true, whitespace: true, message: '请填写地点' }, { min: 2, message: '请填写地点' }, { max: 200 }]}>
                  <Input placeholder="门牌号、小区或单位" data-testid="tip-address" autoComplete="off" />
                </Form.Item>
                <Button icon={<AimOutlined />} loading={geo.locating} onClick={() => void locate()} data-testid="tip-locate">
                  使用我的位置
                </Button>
              </div>
              {fix && (
                <div className="ws-public-fix" data-testid="tip-fix">
                  <span>
                    已记录您的位置{fix.accuracyM > GOOD_ACCURACY_M ? `（精度约 ${fix.accuracyM} 米，可能不准）` : ''}
                  </span>
                  <Button type="link" size="small" icon={<CloseOutlined />} onClick={() => setFix(null)}>
                    不使用
                  </Button>
                </div>
              )}
              {geo.error && (
                <Typography.Text type="warning" style={{ display: 'block', marginTop: 6, fontSize: 13 }}>
                  {geo.error}；请直接填写地点。
                </Typography.Text>
              )}
            </Form.Item>
            <Form.Item label="现场照片（可选，最多 3 张）">
              <TipPhotoPicker value={photos} onChange={setPhotos} disabled={submit.isPending} />
            </Form.Item>
            <Collapse
              className="ws-public-contact"
              items={[
                {
                  key: 'contact',
                  label: '留下联系方式（可选）',
                  children: (
                    <>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                        留下联系方式便于核查人员向您了解情况。只有市封停办能看到，不会告知被举报人或属地。
                      </Typography.Paragraph>
                      <Form.Item name="name" label="姓名" rules={[{ max: 40 }]}>
                        <Input autoComplete="name" data-testid="tip-name" />
                      </Form.Item>
                      <Form.Item name="phone" label="电话" rules={[{ pattern: /^[0-9+\-\s]{7,20}$/, message: '电话号码格式不正确' }]} style={{ marginBottom: 0 }}>
                        <Input inputMode="tel" autoComplete="tel" data-testid="tip-phone" />
                      </Form.Item>
                    </>
                  ),
                },
              ]}
            />
            <div className="ws-public-hp" aria-hidden="true">
              <label htmlFor="ws-tip-website">网址（请勿填写）</label>
              <input id="ws-tip-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
            </div>
            <Button type="primary" htmlType="submit" block className="ws-public-submit" loading={submit.isPending} data-testid="tip-submit">
              {submit.isPending ? '正在提交' : '提交举报'}
            </Button>
            <div className="ws-public-note">提交后会得到一个查询码，凭查询码可查询办理进度和答复。</div>
          </Form>
        </section>
      )}
    </PublicLayout>
  );
}
