import { Alert, Form, Modal, Segmented, Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { SampleLinkKind } from '../api/samples-api';
import { useLinkSample, useLinkTargets } from '../hooks/use-samples';
import { useCan } from '../../auth/hooks/use-session';
import type { Capability } from '@domain/shared/roles';

export const LINK_KIND_LABELS: Record<SampleLinkKind, string> = { account: '疑似用水户', suspect_check: '疑似户核查', tip: '举报线索', inspection: '督导核查' };
/** Each kind of record is offered to those who may read it (the server decides the same). */
const KINDS: { kind: SampleLinkKind; read: Capability }[] = [
  { kind: 'account', read: 'utility.read' },
  { kind: 'suspect_check', read: 'suspects.read' },
  { kind: 'tip', read: 'tips.read' },
  { kind: 'inspection', read: 'inspections.read' },
];

/** 关联证据: a sample as evidence for a suspect account, a verification check, a tip or an inspection in the caller's scope. */
export function LinkSampleModal({ sampleId, open, onClose }: { sampleId: number; open: boolean; onClose: () => void }) {
  const can = useCan();
  const kinds = KINDS.filter((k) => can(k.read)).map((k) => k.kind);
  const [kind, setKind] = useState<SampleLinkKind>(kinds[0] ?? 'inspection');
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
          <Segmented<SampleLinkKind> value={kind} onChange={(k) => { setKind(k); setRefId(null); }} options={kinds.map((k) => ({ value: k, label: LINK_KIND_LABELS[k] }))} data-testid="link-kind" />
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
