import { Tag } from 'antd';
import { INSPECTION_KIND_LABELS, type InspectionKind } from '@domain/inspection/inspection';

const KIND_COLORS: Record<InspectionKind, string> = {
  research: 'blue',
  site_check: 'cyan',
  unannounced: 'purple',
  joint_enforcement: 'volcano',
  meeting: 'default',
};

export function InspectionKindTag({ kind, large }: { kind: InspectionKind; large?: boolean }) {
  return (
    <Tag color={KIND_COLORS[kind]} className={large ? 'ws-tag-large' : undefined}>
      {INSPECTION_KIND_LABELS[kind]}
    </Tag>
  );
}
