import type { ReactNode } from 'react';

/** One figure with its label, for the strips at the top of pages. */
export function StatTile({
  label,
  value,
  unit,
  icon,
  accent = '#1a5fb4',
  valueTestId,
  emphasis = false,
}: {
  label: string;
  value: ReactNode;
  unit?: string;
  icon?: ReactNode;
  accent?: string;
  valueTestId?: string;
  emphasis?: boolean;
}) {
  return (
    <div className={`ws-stat${emphasis ? ' ws-stat--emphasis' : ''}`} style={{ ['--ws-accent' as string]: accent }}>
      {icon && <div className="ws-stat__icon">{icon}</div>}
      <div>
        <div className="ws-stat__label">{label}</div>
        <div className="ws-stat__value">
          <span data-testid={valueTestId}>{value}</span>
          {unit && <span className="ws-stat__unit">{unit}</span>}
        </div>
      </div>
    </div>
  );
}
