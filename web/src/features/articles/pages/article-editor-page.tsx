import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Modal, Popconfirm, Result, Row, Select, Skeleton, Space, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ARTICLE_ACTION_LABELS, ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, type ArticleAction, type ArticleCategory } from '@domain/bulletin/article';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useCan, useMe } from '../../auth/hooks/use-session';
import { useInspections } from '../../inspections/hooks/use-inspections';
import type { Article } from '../api/articles-api';
import { ArticlePreview, paragraphsOf } from '../components/article-preview';
import { ArticleCategoryTag, ArticleStateTag } from '../components/article-tags';
import { useArticle, useArticleMutations } from '../hooks/use-articles';
import '../articles.css';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

type Values = { category: ArticleCategory; title?: string; onDate: Dayjs; inspectionId?: number | null; body?: string };

const valuesOf = (a: Article): Values => ({ category: a.category, title: a.title, onDate: dayjs(a.onDate, DAY), inspectionId: a.inspectionId, body: a.paragraphs.join('\n') });

function fieldsOf(v: Values) {
  return {
    category: v.category,
    title: (v.title ?? '').trim(),
    onDate: v.onDate.format(DAY),
    paragraphs: (v.body ?? '').split(/\n+/),
    inspectionId: v.inspectionId ?? null,
  };
}

const ACTION_ICONS: Record<ArticleAction, ReactNode> = { submit: <SendOutlined />, approve: <CheckOutlined />, return: <RollbackOutlined />, withdraw: <UndoOutlined /> };

/** /articles/new and /articles/:articleId: a fresh editor for each article. */
export function ArticleEditorPage() {
  const id = useParams().articleId;
  return <ArticleEditor key={id ?? 'new'} articleId={id ? Number(id) : null} />;
}

/**
 * 稿件: the editor on one side, the article as the bulletin will print it on the other; the steps
 * the server allows now (提交审核, 审核通过, 退回修改, 撤回审核) below.
 */
function ArticleEditor({ articleId }: { articleId: number | null }) {
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const { data: article, error } = useArticle(articleId);
  const { create, update, act } = useArticleMutations();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reloaded, setReloaded] = useState(false);
  const isNew = articleId === null;
  const editable = isNew ? can('articles.write') : !!article?.editable;
  const approver = can('articles.approve');
  const inspections = useInspections({ page: 1, pageSize: 50 }, can('inspections.read'));

  const category = Form.useWatch('category', form) as ArticleCategory | undefined;
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const onDate = Form.useWatch('onDate', form) as Dayjs | undefined;
  const body = (Form.useWatch('body', form) as string | undefined) ?? '';
  const inspectionId = Form.useWatch('inspectionId', form) as number | null | undefined;

  // the saved article when it loads, and again when someone else's change (a conflict) brought a newer version
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);
  useEffect(() => {
    if (!article) return;
    if (loadedVersion !== null && loadedVersion !== article.version && update.isError) setReloaded(true);
    setLoadedVersion(article.version);
    form.setFieldsValue(valuesOf(article));
  }, [article?.id, article?.version]);

  const categories = useMemo(() => {
    const allowed: ArticleCategory[] = approver ? [...ARTICLE_CATEGORIES] : ['info'];
    if (article && !allowed.includes(article.category)) allowed.push(article.category);
    return allowed.map((c) => ({ value: c, label: ARTICLE_CATEGORY_LABELS[c] }));
  }, [approver, article]);

  const inspectionOptions = useMemo(() => {
    const list = (inspections.data?.inspections ?? []).map((i) => ({ value: i.id, label: `${formatDate(i.onDate)} ${i.title}` }));
    if (article?.inspectionId && !list.some((o) => o.value === article.inspectionId)) list.unshift({ value: article.inspectionId, label: article.inspectionTitle ?? `督导记录 #${article.inspectionId}` });
    return list;
  }, [inspections.data, article]);

  const dirty =
    isNew ||
    (!!article &&
      (category !== article.category ||
        title.trim() !== article.title ||
        (onDate?.format(DAY) ?? '') !== article.onDate ||
        (inspectionId ?? null) !== article.inspectionId ||
        paragraphsOf(body).join('\n') !== article.paragraphs.join('\n')));

  // what the bulletin will print: “卧龙区：…” for a district's 工作信息
  const district = article?.district ?? me.grants.find((g) => g.orgLevel === 'district')?.orgName ?? null;
  const shownTitle = category === 'info' && district && title.trim() ? `${district}：${title.trim()}` : title;

  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/articles'));
  const busy = create.isPending || update.isPending || act.isPending;

  /** Saves the form; resolves to the saved article, or null when the form or the server refused. */
  const save = async (): Promise<Article | null> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return null;
    }
    setReloaded(false);
    try {
      if (isNew) {
        const saved = await create.mutateAsync(fieldsOf(v));
        showSuccess('稿件已保存');
        navigate(`/articles/${saved.id}`, { replace: true });
        return saved;
      }
      const saved = await update.mutateAsync({ id: articleId, body: { ...fieldsOf(v), version: article?.version ?? 0 } });
      showSuccess('稿件已保存');
      return saved;
    } catch {
      return null; // shown by the Alert above the form
    }
  };

  const run = async (action: ArticleAction, why?: string) => {
    if (!article) return;
    let version = article.version;
    // a changed draft is saved before it is submitted or approved
    if (editable && dirty && (action === 'submit' || action === 'approve')) {
      const saved = await save();
      if (!saved) return;
      version = saved.version;
    }
    act.mutate(
      { id: article.id, body: { action, version, ...(why ? { reason: why } : {}) } },
      {
        onSuccess: () => {
          showSuccess(`稿件已${ARTICLE_ACTION_LABELS[action]}`);
          setReturning(false);
          setReason('');
        },
      },
    );
  };

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="稿件不存在" subTitle="该稿件不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/articles')}>返回工作动态</Button>} />;
  }
  if (!isNew && !article) {
    return (
      <Card className="ws-card">
        {error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </Card>
    );
  }

  const writeError = create.error ?? update.error;
  const conflict = writeError instanceof ApiError && writeError.isConflict;
  const actions = article?.actions ?? [];

  return (
    <div data-testid="article-editor">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {isNew ? '写稿件' : article!.displayTitle}
                </Typography.Title>
                {article && <ArticleCategoryTag category={article.category} />}
                {article && <ArticleStateTag state={article.state} testId="article-state" large />}
              </Space>
              {article && (
                <div className="ws-grid-head__meta">
                  <span>撰稿单位：{article.author}</span>
                  {article.approvedBy && (
                    <span>
                      {article.approvedBy} 于 {formatDate(article.approvedOn)} 审核通过
                    </span>
                  )}
                  {article.usedIn && <span>已刊用于 {article.usedIn}</span>}
                </div>
              )}
            </div>
          </div>
        </div>
      </Card>

      {article?.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="稿件被退回修改" description={article.returnReason} data-testid="article-return-reason-alert" />
      )}
      {article && !editable && article.state === 'draft' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="这是其他单位的草稿，只能查看" />
      )}

      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Card className="ws-card" title={editable ? '编辑' : '稿件内容'} style={{ marginBottom: 16 }}>
            {reloaded && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="稿件刚被他人修改，已载入最新内容，请核对后重新保存" />
            )}
            {writeError && !conflict && <Alert type="error" showIcon title={errorMessageOf(writeError)} style={{ marginBottom: 12 }} data-testid="article-error" />}
            {conflict && !reloaded && <Alert type="warning" showIcon title={errorMessageOf(writeError)} style={{ marginBottom: 12 }} />}
            {act.isError && <Alert type="error" showIcon title={errorMessageOf(act.error)} style={{ marginBottom: 12 }} data-testid="article-action-error" />}
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={!editable || busy}
              initialValues={{ category: approver ? 'work' : 'info', onDate: todayValue(), inspectionId: null, body: '' }}
              className="ws-card-form"
            >
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]} extra={approver ? undefined : '区、街道撰写“工作信息”稿件'}>
                    <Select options={categories} data-testid="article-category" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
                    <DatePicker
                      allowClear={false}
                      inputReadOnly
                      format="YYYY年M月D日"
                      style={{ width: '100%' }}
                      disabledDate={(d: Dayjs) => isAfterToday(d)}
                      data-testid="article-date"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="title"
                label="标题"
                rules={[
                  { required: true, whitespace: true, message: '请填写标题' },
                  { min: 4, message: '标题至少 4 个字' },
                  { max: 80 },
                ]}
              >
                <Input placeholder="如：卧龙区召开自备井封停工作推进会" maxLength={80} showCount data-testid="article-title" />
              </Form.Item>
              {can('inspections.read') && (
                <Form.Item name="inspectionId" label="关联督导/会议（可选）">
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="选择稿件所写的督导记录或会议"
                    options={inspectionOptions}
                    loading={inspections.isFetching}
                    data-testid="article-inspection"
                  />
                </Form.Item>
              )}
              <Form.Item
                name="body"
                label="正文"
                rules={[{ validator: async (_, v: string | undefined) => {
                  if (!paragraphsOf(v ?? '').length) throw new Error('正文不能为空');
                } }]}
                extra="每段一行，换行即分段；不必在段首空格"
              >
                <Input.TextArea className="ws-art-body" autoSize={{ minRows: 10, maxRows: 28 }} placeholder="正文：时间、地点、人物、做了什么、取得的成效" data-testid="article-body" />
              </Form.Item>
            </Form>
            <div className="ws-art-actions">
              {editable && (
                <Button icon={<SaveOutlined />} loading={create.isPending || update.isPending} disabled={busy || (!isNew && !dirty)} onClick={() => void save()} data-testid="article-save">
                  保存
                </Button>
              )}
              {actions.includes('submit') && (
                <Button type="primary" icon={ACTION_ICONS.submit} disabled={busy} loading={act.isPending && act.variables?.body.action === 'submit'} onClick={() => void run('submit')} data-testid="article-submit">
                  {ARTICLE_ACTION_LABELS.submit}
                </Button>
              )}
              {actions.includes('return') && (
                <Button danger icon={ACTION_ICONS.return} disabled={busy} onClick={() => setReturning(true)} data-testid="article-return">
                  {ARTICLE_ACTION_LABELS.return}
                </Button>
              )}
              {actions.includes('approve') && (
                <Button type="primary" icon={ACTION_ICONS.approve} disabled={busy} loading={act.isPending && act.variables?.body.action === 'approve'} onClick={() => void run('approve')} data-testid="article-approve">
                  {ARTICLE_ACTION_LABELS.approve}
                </Button>
              )}
              {actions.includes('withdraw') && (
                <Popconfirm title="撤回审核？" description="稿件回到草稿，可修改后重新审核。" okText="撤回" cancelText="取消" onConfirm={() => void run('withdraw')}>
                  <Button icon={ACTION_ICONS.withdraw} disabled={busy} data-testid="article-withdraw">
                    {ARTICLE_ACTION_LABELS.withdraw}
                  </Button>
                </Popconfirm>
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card className="ws-card" title="预览" style={{ marginBottom: 16 }}>
            <ArticlePreview title={shownTitle} onDate={onDate ? onDate.format(DAY) : null} paragraphs={paragraphsOf(body)} />
          </Card>
        </Col>
      </Row>

      <Modal
        open={returning}
        title="退回修改"
        onCancel={act.isPending ? undefined : () => setReturning(false)}
        mask={{ closable: false }}
        destroyOnHidden
        footer={
          <div className="ws-drawer-footer">
            <Button onClick={() => setReturning(false)} disabled={act.isPending}>
              取消
            </Button>
            <Button type="primary" danger loading={act.isPending} disabled={!reason.trim()} onClick={() => void run('return', reason.trim())} data-testid="article-return-confirm">
              确认退回
            </Button>
          </div>
        }
      >
        <Typography.Paragraph type="secondary">稿件退回撰稿单位修改，退回原因会显示在稿件上方。</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="如：请补充封停眼数和群众反映，删去与封停无关的内容"
          data-testid="article-return-reason"
        />
      </Modal>
    </div>
  );
}
