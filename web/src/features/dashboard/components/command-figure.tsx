import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** One big number with its label; a link to the list behind it. */
export function CommandFigure({ label, value, to, tone = 'normal', testId }: { label: string; value: ReactNode; to: string; tone?: 'normal' | 'good' | 'bad'; testId?: string }) {
  return (
    <Link to={to} className={`ws-command-figure ws-command-figure--${tone}`} data-testid={testId}>
      <span className="ws-command-figure__value">{value}</span>
      <span className="ws-command-figure__label">{label}</span>
    </Link>
  );
}
