import { Skeleton } from 'antd';
import { FINDING_STATE_LABELS, FINDING_STATES } from '@domain/inspection/finding';
import type { Board } from '../api/findings-api';

/** 问题整改看板: one card per district — how many findings, how many late, how many in each state. */
export function FindingsBoard({ board, selected, onSelect }: { board: Board | undefined; selected: number | undefined; onSelect: (districtId: number | undefined) => void }) {
  if (!board) return <Skeleton active paragraph={{ rows: 2 }} style={{ marginBottom: 16 }} />;
  return (
    <div className="ws-fd-board" data-testid="findings-board">
      {board.districts.map((d) => (
        <button
          key={d.districtId}
          type="button"
          className={`ws-fd-board__card${selected === d.districtId ? ' ws-fd-board__card--active' : ''}`}
          onClick={() => onSelect(selected === d.districtId ? undefined : d.districtId)}
          aria-pressed={selected === d.districtId}
          data-testid={`findings-board-${d.districtId}`}
        >
          <div className="ws-fd-board__head">
            <span className="ws-fd-board__name">{d.district}</span>
          </div>
          <div className="ws-fd-board__figures">
            <span className="ws-fd-board__total">
              {d.total}
              <small style={{ fontSize: 12, fontWeight: 400, marginLeft: 2 }}>个</small>
            </span>
            <span className={`ws-fd-board__overdue${d.overdue ? ' ws-fd-board__overdue--late' : ''}`} data-testid={`findings-board-overdue-${d.districtId}`}>
              逾期 {d.overdue}
            </span>
          </div>
          <div className="ws-fd-board__states">
            {FINDING_STATES.map((s) => (
              <span key={s} className="ws-fd-board__state">
                {FINDING_STATE_LABELS[s]}
                <b>{d.counts[s]}</b>
              </span>
            ))}
          </div>
        </button>
      ))}
    </div>
  );
}
