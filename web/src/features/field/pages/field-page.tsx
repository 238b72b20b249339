import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Result, Select, Space, Spin, Tabs, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CARD_KIND_LABELS, PLEDGE_STATUS_LABELS, pledgeStatus } from '@domain/survey/card';
import { WELL_EVENT_LABELS, WELL_STAGE_LABELS } from '@domain/well/lifecycle';
import { setCsrfToken } from '../../../lib/api-client';
import { setOfficeTimeZone } from '../../../lib/office-clock';
import { useLogout } from '../../auth/hooks/use-logout';
import { fetchSession, isRecordConflict, type Bundle, type Me } from '../api/field-api';
import { CardForm, type NewPhoto } from '../components/card-form';
import { CheckForm } from '../components/check-form';
import { ConflictModal } from '../components/conflict-modal';
import { InspectionForm } from '../components/inspection-form';
import { RecordConflictModal } from '../components/record-conflict-modal';
import { WellForm } from '../components/well-form';
import { SyncBar } from '../components/sync-bar';
import { lastUser, openFieldDb, patchMeta, readMeta, rememberUser, type LocalCard, type LocalCheck, type LocalInspection, type LocalWell, type QueuedOp } from '../offline/field-db';
import { storeFor, type FieldStore } from '../offline/field-store';
import './field.css';

const STATE_LABELS = { not_started: '未开始', in_progress: '排查中', completed: '已完成' } as const;
type Boot = { kind: 'loading' } | { kind: 'ready'; store: FieldStore; me: Me } | { kind: 'error'; message: string };

/**
 * 外业模式: the grid worker's phone app. Opens from the service worker's cached shell with no
 * signal; who is signed in then comes from the last online session kept on this phone, and all
 * data from IndexedDB. Work is saved locally first and synced when the connection returns.
 */
export function FieldPage() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  const navigate = useNavigate();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const s = await fetchSession();
      if (s.kind === 'ok') {
        setCsrfToken(s.value.csrfToken);
        setOfficeTimeZone(s.value.office.timeZone);
        rememberUser(s.value.user.id);
        const db = await openFieldDb(s.value.user.id);
        await patchMeta(db, { session: { me: s.value.user, csrfToken: s.value.csrfToken } });
        const store = await storeFor(db, s.value.csrfToken);
        if (!cancelled) setBoot({ kind: 'ready', store, me: s.value.user });
        void store.sync();
        return;
      }
      if (s.kind === 'unauthorized') return navigate('/login', { replace: true, state: { from: '/field' } });
      const userId = lastUser();
      const db = userId ? await openFieldDb(userId) : null;
      const session = db ? (await readMeta(db)).session : undefined;
      if (!db || !session) {
        if (!cancelled) setBoot({ kind: 'error', message: '当前没有网络，且本机还没有外业数据。请在有信号时登录并打开一次外业模式。' });
        return;
      }
      const store = await storeFor(db, session.csrfToken);
      store.setOnline(false);
      if (!cancelled) setBoot({ kind: 'ready', store, me: session.me });
    })();
    return () => {
      cancelled = true;
    };
  }, [navigate]);

  if (boot.kind === 'loading') return <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}><Spin size="large" description="正在打开外业模式…" /></div>;
  if (boot.kind === 'error') return <Result status="warning" title="无法打开外业模式" subTitle={boot.message} extra={<Button onClick={() => window.location.reload()}>重试</Button>} />;
  return <FieldApp store={boot.store} me={boot.me} />;
}

function useCached<T>(store: FieldStore, rev: number, read: (s: FieldStore) => Promise<T>, initial: T): T {
  const [v, setV] = useState<T>(initial);
  useEffect(() => {
    let live = true;
    void read(store).then((x) => live && setV(x));
    return () => {
      live = false;
    };
  }, [store, rev]); // eslint-disable-line react-hooks/exhaustive-deps
  return v;
}

function FieldApp({ store, me }: { store: FieldStore; me: Me }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const grids = useCached(store, state.rev, (s) => s.db.getAll('grids'), [] as Bundle['grids']);
  const cards = useCached(store, state.rev, (s) => s.db.getAll('cards'), [] as LocalCard[]);
  const wells = useCached(store, state.rev, (s) => s.db.getAll('wells'), [] as LocalWell[]);
  const inspections = useCached(store, state.rev, (s) => s.db.getAll('inspections'), [] as LocalInspection[]);
  const checks = useCached(store, state.rev, (s) => s.db.getAll('checks'), [] as LocalCheck[]);
  const ops = useCached(store, state.rev, (s) => s.db.getAll('ops'), [] as QueuedOp[]);
  const meta = useCached(store, state.rev, (s) => readMeta(s.db), {});
  const [tab, setTab] = useState('grids');
  const [gridId, setGridId] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ card: LocalCard | null } | null>(null);
  const [conflict, setConflict] = useState<QueuedOp | null>(null);
  const [recordConflict, setRecordConflict] = useState<QueuedOp | null>(null);
  const [wellOpen, setWellOpen] = useState<LocalWell | null>(null);
  const [inspOpen, setInspOpen] = useState<LocalInspection | null>(null);
  const [checkOpen, setCheckOpen] = useState<LocalCheck | null>(null);
  const logout = useLogout({ userId: me.id, store });
  const saved = () => void message.success(store.getState().online ? '已保存，正在同步' : '已保存在本机，联网后自动同步');

  useEffect(() => {
    const on = () => store.setOnline(true);
    const off = () => store.setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    // work saved while the signal came and went is sent without the worker having to remember
    const timer = window.setInterval(() => {
      const s = store.getState();
      if (navigator.onLine && (s.pending > 0 || !s.online) && !s.syncing) void store.sync();
    }, 30_000);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
      window.clearInterval(timer);
    };
  }, [store]);

  const grid = grids.find((g) => g.gridId === gridId) ?? grids[0];
  // wells still to seal first; sealed ones waiting for 验收 (and ones accepted on this phone) after them
  const wellList = useMemo(() => {
    const later = (w: LocalWell) => (w.stage === 'sealed' || w.stage === 'accepted' ? 1 : 0);
    return [...wells].sort((a, b) => later(a) - later(b) || a.id - b.id);
  }, [wells]);
  const gridCards = useMemo(() => cards.filter((c) => c.gridId === grid?.gridId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [cards, grid]);
  const busy = useMemo(() => {
    const m = new Map<string, 'pending' | 'conflict' | 'failed'>();
    for (const o of ops) if (m.get(o.cardKey) !== 'conflict') m.set(o.cardKey, o.status);
    return m;
  }, [ops]);

  const save = useCallback(async (data: Parameters<FieldStore['createCard']>[1], photos: NewPhoto[]) => {
    const p = photos.map(({ fileName, base64, mime }) => ({ fileName, base64, mime }));
    if (editing?.card) await store.editCard(editing.card.key, data, p);
    else if (grid) await store.createCard(grid.gridId, data, p);
    setEditing(null);
    void message.success(store.getState().online ? '已保存，正在同步' : '已保存在本机，联网后自动同步');
  }, [editing, grid, store]);

  const openConflicts = () => setConflict(state.conflicts.find((o) => !isRecordConflict(o.conflict)) ?? null);
  const openRecordConflicts = () => setRecordConflict(state.conflicts.find((o) => isRecordConflict(o.conflict)) ?? null);
  const statusTag = (key: string) => {
    const status = busy.get(key);
    if (status === 'pending') return <Tag color="orange">待同步</Tag>;
    if (status === 'conflict') return <Tag color="red">冲突</Tag>;
    if (status === 'failed') return <Tag color="red">被拒绝</Tag>;
    return null;
  };
  const openRecord = (key: string, open: () => void) => {
    if (busy.get(key) === 'conflict') return setRecordConflict(state.conflicts.find((o) => o.cardKey === key) ?? null);
    open();
  };

  return (
    <div className="field-app">
      <div className="field-top">
        <Space direction="vertical" size={0}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>外业采集</Typography.Text>
          <Typography.Text style={{ color: '#cfe6ff', fontSize: 12 }}>{me.displayName}</Typography.Text>
        </Space>
        <Space size={12}>
          <Link to="/">电脑版</Link>
          <a role="button" tabIndex={0} data-testid="field-logout" onClick={logout} onKeyDown={(e) => e.key === 'Enter' && logout()}>退出登录</a>
        </Space>
      </div>
      <SyncBar state={state} onSync={() => void store.sync()} onShowConflicts={openConflicts} onShowRecordConflicts={openRecordConflicts} onDropFailed={(seq) => void store.dropFailed(seq)} />
      {state.needsLogin && (
        <div className="field-body" style={{ paddingTop: 8 }}>
          <Button block danger onClick={() => (window.location.href = '/login')}>重新登录</Button>
        </div>
      )}
      <div className="field-body">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          centered
          items={[
            {
              key: 'grids',
              label: '我的网格',
              children: grids.length === 0 ? <Empty description={state.syncing ? '正在下载网格数据…' : '本机还没有网格数据，请联网后同步'} /> : (
                <>
                  {meta.truncated && <Typography.Paragraph type="secondary">管辖网格较多，本机只缓存了前 {grids.length} 个。</Typography.Paragraph>}
                  {grids.map((g) => (
                    <div key={g.gridId} className="field-card" onClick={() => { setGridId(g.gridId); setTab('cards'); }}>
                      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                        <Typography.Text strong>{g.name}</Typography.Text>
                        <Tag color={g.state === 'completed' ? 'green' : g.state === 'in_progress' ? 'blue' : 'default'}>{STATE_LABELS[g.state]}</Tag>
                      </Space>
                      <div><Typography.Text type="secondary">{g.parents.join(' / ')}</Typography.Text></div>
                      <Typography.Text>户卡 {cards.filter((c) => c.gridId === g.gridId).length} 张</Typography.Text>
                    </div>
                  ))}
                </>
              ),
            },
            {
              key: 'cards',
              label: '我的户卡',
              children: !grid ? <Empty description="没有可用的网格" /> : (
                <>
                  <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
                    {grids.length > 1 && (
                      <Select style={{ width: '100%' }} value={grid.gridId} onChange={setGridId} options={grids.map((g) => ({ value: g.gridId, label: g.name }))} showSearch optionFilterProp="label" />
                    )}
                    <Button type="primary" block size="large" icon={<PlusOutlined />} onClick={() => setEditing({ card: null })}>新建户卡</Button>
                  </Space>
                  {gridCards.length === 0 && <Empty description="这个网格还没有户卡" />}
                  {gridCards.map((c) => {
                    const status = busy.get(c.key);
                    return (
                      <div key={c.key} className="field-card" data-testid="field-card" onClick={() => (status === 'conflict' ? setConflict(state.conflicts.find((o) => o.cardKey === c.key) ?? null) : setEditing({ card: c }))}>
                        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                          <Typography.Text strong>{c.data.name}</Typography.Text>
                          <Space size={4}>
                            {status === 'pending' && <Tag color="orange">待同步</Tag>}
                            {status === 'conflict' && <Tag color="red">冲突</Tag>}
                            {status === 'failed' && <Tag color="red">被拒绝</Tag>}
                          </Space>
                        </Space>
                        <div><Typography.Text type="secondary">{CARD_KIND_LABELS[c.data.kind]} · {c.data.address || '未填地址'}</Typography.Text></div>
                        <Space size={4} wrap>
                          <Tag>{PLEDGE_STATUS_LABELS[pledgeStatus({ kind: c.data.kind, pledgeSigned: !!c.data.pledgeSigned, pledgeStamped: !!c.data.pledgeStamped })]}</Tag>
                          <Tag>照片 {(c.view?.photos.length ?? 0) + c.localPhotos.length}</Tag>
                          {c.data.lat != null && <Tag>{c.data.gpsAccuracyM != null ? `已定位 ±${Math.round(c.data.gpsAccuracyM)} 米` : '已定位'}</Tag>}
                        </Space>
                      </div>
                    );
                  })}
                </>
              ),
            },
            {
              key: 'wells',
              label: `待封井${wells.length ? ` ${wells.length}` : ''}`,
              children: wells.length === 0 ? <Empty description="辖区内没有待封停的自备井" /> : (
                <>
                  {!meta.canRecordWells && <Typography.Paragraph type="secondary">封井记录由街道办、区封停办登记，这里只供查看。</Typography.Paragraph>}
                  {wellList.map((w) => (
                    <div key={w.id} className="field-card" data-testid="field-well" onClick={() => meta.canRecordWells && openRecord(`w${w.id}`, () => setWellOpen(w))}>
                      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                        <Typography.Text strong>{w.ownerName}</Typography.Text>
                        <Space size={4}>
                          {statusTag(`w${w.id}`)}
                          {w.stage === 'sealed'
                            ? <Tag color="blue" data-testid="awaiting-acceptance">待验收</Tag>
                            : <Tag color={w.stage === 'accepted' ? 'green' : 'orange'}>{WELL_STAGE_LABELS[w.stage]}</Tag>}
                        </Space>
                      </Space>
                      <div><Typography.Text type="secondary">{w.code} · {w.address || w.place.join(' / ')}</Typography.Text></div>
                      {(w.localSteps?.length || w.localPhotos) ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>本机已记录：{[...(w.localSteps ?? []).map((e) => WELL_EVENT_LABELS[e as keyof typeof WELL_EVENT_LABELS]), w.localPhotos ? `照片 ${w.localPhotos} 张` : ''].filter(Boolean).join('、')}</Typography.Text> : null}
                    </div>
                  ))}
                </>
              ),
            },
            ...(inspections.length > 0 ? [{
              key: 'inspections',
              label: '督导核查',
              children: [...inspections].sort((a, b) => b.onDate.localeCompare(a.onDate)).map((i) => (
                <div key={i.id} className="field-card" data-testid="field-inspection" onClick={() => openRecord(`i${i.id}`, () => setInspOpen(i))}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{i.title}</Typography.Text>
                    {statusTag(`i${i.id}`)}
                  </Space>
                  <div><Typography.Text type="secondary">{i.onDate} · {i.kindLabel}{i.area.length ? ` · ${i.area.join(' / ')}` : ''}</Typography.Text></div>
                  {i.narrative && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>{i.narrative}</Typography.Paragraph>}
                </div>
              )),
            }] : []),
            ...(checks.length > 0 ? [{
              key: 'checks',
              label: `核查任务 ${checks.filter((c) => !c.localOutcome).length}`,
              children: checks.map((c) => (
                <div key={c.id} className="field-card" data-testid="field-check" onClick={() => !c.localOutcome && openRecord(`c${c.id}`, () => setCheckOpen(c))}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    <Space size={4}>
                      {statusTag(`c${c.id}`)}
                      {c.localOutcome && <Tag color="green">{c.localOutcome === 'normal' ? '用水正常' : '无法入户'}</Tag>}
                    </Space>
                  </Space>
                  <div><Typography.Text type="secondary">户号 {c.accountNo} · {c.address || c.place}</Typography.Text></div>
                  {c.dueOn && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.dueOn} 前完成</Typography.Text>}
                </div>
              )),
            }] : []),
          ]}
        />
      </div>
      {editing && (
        <CardForm open card={editing.card} refusal={editing.card ? state.failed.find((o) => o.cardKey === editing.card!.key && o.op.kind !== 'card.photo')?.error ?? null : null} grid={grid} gpsLimitM={meta.gpsAccuracyLimitM ?? 50} onClose={() => setEditing(null)} onSave={save} />
      )}
      {wellOpen && (
        <WellForm well={wellOpen} gpsLimitM={meta.gpsAccuracyLimitM ?? 50} onClose={() => setWellOpen(null)} onSave={async (step, photos) => {
          await store.recordWell(wellOpen.id, step, photos);
          setWellOpen(null);
          saved();
        }} />
      )}
      {inspOpen && (
        <InspectionForm inspection={inspOpen} onClose={() => setInspOpen(null)} onSave={async (narrative, photos) => {
          await store.noteInspection(inspOpen.id, narrative, photos);
          setInspOpen(null);
          saved();
        }} />
      )}
      {checkOpen && (
        <CheckForm check={checkOpen} onClose={() => setCheckOpen(null)} onSave={async (v) => {
          await store.recordCheck(checkOpen.id, v.outcome, v.checkedOn, v.note);
          setCheckOpen(null);
          saved();
        }} />
      )}
      <RecordConflictModal
        op={recordConflict}
        onClose={() => setRecordConflict(null)}
        onResubmit={() => { if (recordConflict?.seq) void store.resubmit(recordConflict.seq); setRecordConflict(null); }}
        onDrop={() => { if (recordConflict?.seq) void store.dropMine(recordConflict.seq); setRecordConflict(null); }}
      />
      <ConflictModal
        op={conflict}
        onClose={() => setConflict(null)}
        onKeepMine={() => { if (conflict?.seq) void store.keepMine(conflict.seq); setConflict(null); }}
        onTakeOffice={() => { if (conflict?.seq) void store.takeOffice(conflict.seq); setConflict(null); }}
      />
    </div>
  );
}
