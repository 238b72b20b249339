import { Alert, Form, Modal, Segmented, Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { SampleLinkKind } from '../api/samples-api';
import { useLinkSample, useLinkTargets } from '../hooks/use-samples';

export const LINK_KIND_LABELS: Record<SampleLinkKind, string> = { account: '疑似用水户', suspect_check: '疑似户核查', tip: '举报线索', inspection: '督导核查' };
const KINDS: SampleLinkKind[] = ['account', 'suspect_check', 'tip', 'inspection'];

/** 关联证据: a sample as evidence for a suspect account, a verification check, a tip or an inspection in the caller's scope. */
export function LinkSampleModal({ sampleId, open, onClose }: { sampleId: number; open: boolean; onClose: () => void }) {
  const [kind, setKind] = useState<SampleLinkKind>('account');
  const [query, setQuery] = useState('');
  const [refId, setRefId] = useState<number | null>(null);
  const deferred = useDeferredValue(query);
  const targets = useLinkTargets(kind, deferred, open);
  const link = useLinkSample(sampleId);
  const submit = () => {
    if (!refId) return;
    link.mutate({ kind, refId }, { onSuccess: () => { showSuccess('已关联'); setRefId(null); onClose(); } });
  };
  return (
    <Modal open={open} title="关联证据" onCancel={onClose} onOk={submit} okText="关联" okButtonProps={{ disabled: !refId, loading: link.isPending, ...({ 'data-testid': 'link-submit' } as Record<string, string>) }} destroyOnHidden>
      {link.isError && <Alert type="error" showIcon title={errorMessageOf(link.error)} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="关联到">
          <Segmented<SampleLinkKind> value={kind} onChange={(k) => { setKind(k); setRefId(null); }} options={KINDS.map((k) => ({ value: k, label: LINK_KIND_LABELS[k] }))} data-testid="link-kind" />
        </Form.Item>
        <Form.Item label="记录">
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setQuery }}
            value={refId ?? undefined}
            onChange={setRefId}
            placeholder="输入户名、户号、线索编号或标题查找"
            loading={targets.isFetching}
            notFoundContent={targets.isFetching ? '查找中…' : '没有可关联的记录'}
            options={(targets.data?.targets ?? []).map((t) => ({ value: t.refId, label: t.label }))}
            data-testid="link-target"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
