import type { Kysely } from 'kysely';
import type { DB } from './types.js';

/**
 * A record type whose current state is kept in columns beside its dated events (tips, wells,
 * findings): the columns are the fold of the record's whole history with the domain rule, written
 * in the same transaction as every event. One keeper per type says how to read its events' facts,
 * fold them and store the result; the refresh, the fill after a migration and the consistency check
 * are the same for every type.
 */
export type StateSource<Fact extends { onDate: string }, Columns extends { lastEventOn: string | null }> = {
  /** the events' facts of these records, in date order, each with its record's id */
  factsOf(db: Kysely<DB>, ids: readonly number[]): Promise<readonly (Fact & { recordId: number })[]>;
  /** the columns for a history (the fold); a history the rules refuse gives `unfolded` */
  fold(history: readonly Fact[]): Omit<Columns, 'lastEventOn'>;
  /** the domain's rule error: a history that raises it is stored as not folded */
  ruleError: new (...args: never[]) => Error;
  unfolded: Omit<Columns, 'lastEventOn'>;
  write(db: Kysely<DB>, rows: readonly ({ id: number } & Columns)[]): Promise<void>;
  idsWithoutState(db: Kysely<DB>): Promise<number[]>;
  stored(db: Kysely<DB>): Promise<readonly ({ id: number } & Columns)[]>;
};

const CHUNK = 5000;

export function stateKeeper<Fact extends { onDate: string }, Columns extends { lastEventOn: string | null }>(src: StateSource<Fact, Columns>) {
  /** The columns for a history; a history the rules refuse is stored as not folded (null), so readers fold it and say why. */
  const columns = (history: readonly Fact[]): Columns => {
    const lastEventOn = history.reduce<string | null>((m, e) => (m === null || e.onDate > m ? e.onDate : m), null);
    try {
      return { ...src.fold(history), lastEventOn } as Columns;
    } catch (err) {
      if (!(err instanceof src.ruleError)) throw err;
      return { ...src.unfolded, lastEventOn } as Columns;
    }
  };

  const historiesOf = async (db: Kysely<DB>, ids: readonly number[]) => {
    const by = new Map<number, Fact[]>();
    for (const { recordId, ...fact } of await src.factsOf(db, ids)) (by.get(recordId) ?? by.set(recordId, []).get(recordId)!).push(fact as unknown as Fact);
    return (id: number) => by.get(id) ?? [];
  };

  /** Folds these records' histories again and stores their states (after a record is created, or its events change). */
  const refresh = async (db: Kysely<DB>, recordIds: readonly number[]): Promise<void> => {
    const ids = [...new Set(recordIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const history = await historiesOf(db, chunk);
      await src.write(db, chunk.map((id) => ({ id, ...columns(history(id)) })));
    }
  };

  /** Records whose state was never stored (rows from before the columns, or loaded in bulk): folded now. Returns how many. */
  const fill = async (db: Kysely<DB>): Promise<number> => {
    const ids = await src.idsWithoutState(db);
    await refresh(db, ids);
    return ids.length;
  };

  /** Records whose stored state is not the fold of their history (should be none). */
  const mismatches = async (db: Kysely<DB>): Promise<number[]> => {
    const stored = await src.stored(db);
    const out: number[] = [];
    for (let i = 0; i < stored.length; i += CHUNK) {
      const chunk = stored.slice(i, i + CHUNK);
      const history = await historiesOf(db, chunk.map((r) => r.id));
      for (const { id, ...have } of chunk) {
        const want = columns(history(id)) as Record<string, unknown>;
        if (Object.keys(want).some((k) => ((have as Record<string, unknown>)[k] ?? null) !== (want[k] ?? null))) out.push(id);
      }
    }
    return out;
  };

  return { columns, refresh, fill, mismatches };
}
