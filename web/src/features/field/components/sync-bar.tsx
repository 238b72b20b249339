import { CloudSyncOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { isRecordConflict } from '../api/field-api';
import type { SyncState } from '../offline/field-store';
import { atOffice, DAY, officeToday } from '../../../lib/office-clock';

/** 在线/离线, N 条待同步, 上次同步, 立即同步: always in sight at the top of the field app. */
export function SyncBar({ state, onSync, onShowConflicts, onShowRecordConflicts, onDropFailed }: {
  state: SyncState; onSync: () => void; onShowConflicts: () => void; onShowRecordConflicts: () => void; onDropFailed: (seq: number) => void;
}) {
  const cardConflicts = state.conflicts.filter((o) => !isRecordConflict(o.conflict)).length;
  const recordConflicts = state.conflicts.length - cardConflicts;
  const failed = state.failed[0];
  // a refused card or card edit is corrected in its form; anything else can be dropped (a record's goes to its audit log)
  const droppable = failed && failed.op.kind !== 'card.create' && failed.op.kind !== 'card.update';
  const last = state.lastSyncAt ? atOffice(state.lastSyncAt) : null;
  return (
    <div className="field-sync" data-testid="sync-bar">
      <Space size={6} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space size={6} wrap>
          <Tag color={state.online ? 'success' : 'default'} icon={<WifiOutlined />} data-testid="net-state">
            {state.online ? '在线' : '离线'}
          </Tag>
          <Typography.Text data-testid="pending-count" strong={state.pending > 0}>
            {state.pending} 条待同步
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="last-sync" data-at={state.lastSyncAt ?? ''}>
            上次同步 {last ? (last.format(DAY) === officeToday() ? last.format('HH:mm:ss') : last.format('M月D日 HH:mm')) : '—'}
          </Typography.Text>
        </Space>
        <Button size="small" type="primary" icon={<CloudSyncOutlined />} loading={state.syncing} disabled={!state.online} onClick={onSync}>
          立即同步
        </Button>
      </Space>
      {state.message && <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>{state.message}</Typography.Paragraph>}
      {cardConflicts > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          title={`${cardConflicts} 张户卡在您离线期间被办公室修改，请选择保留哪个版本`}
          action={<Button size="small" onClick={onShowConflicts}>处理冲突</Button>}
        />
      )}
      {recordConflicts > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          title={`${recordConflicts} 条封井/核查记录在您离线期间被办公室修改，请选择重新提交或放弃`}
          action={<Button size="small" onClick={onShowRecordConflicts}>处理记录冲突</Button>}
        />
      )}
      {state.failed.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title={`${state.failed.length} 条记录被服务器拒绝：${failed!.error ?? ''}`}
          description={droppable && failed!.op.kind !== 'card.photo'
            ? '放弃后，这条记录作为“未采用”记入该井/督导/核查任务的修改记录。'
            : '点开标着“被拒绝”的户卡改正后保存，会重新同步；照片被拒绝时可以删除这条记录。'}
          action={droppable ? <Button size="small" danger onClick={() => onDropFailed(failed!.seq!)}>{failed!.op.kind === 'card.photo' ? '删除这条' : '放弃这条'}</Button> : undefined}
        />
      )}
    </div>
  );
}
