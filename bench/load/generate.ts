/**
 * The province-sized city of the load benchmark, written straight into a fresh database with a few
 * big INSERT … SELECT … generate_series statements (not row by row through the services), but in
 * the shapes the services write: org paths, dated survey/well/tip/finding events that replay
 * without a refused step, card versions, campaign tasks and an audit trail, over two years up to
 * yesterday. Deterministic: the same counts and states every run (ids come from the database).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.js';
import { initDatabase } from '../../src/server/features/system/init.service.js';
import { fillCurrentStates } from '../../src/server/features/system/current-state.service.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { addDays } from '../../src/domain/shared/dates.js';

export type CitySize = {
  districts: number; streetsPerDistrict: number; communitiesPerStreet: number; gridsPerCommunity: number;
  cardsPerGrid: number; wells: number; tips: number; findings: number; days: number;
};

/** Issue #12's city: 5,000 grids, 300,000 cards, 30,000 wells, 20,000 tips, two years. */
export const PROVINCE_CITY: CitySize = {
  districts: 10, streetsPerDistrict: 10, communitiesPerStreet: 5, gridsPerCommunity: 10,
  cardsPerGrid: 60, wells: 30_000, tips: 20_000, findings: 8_000, days: 730,
};

export function scaled(size: CitySize, factor: number): CitySize {
  if (factor === 1) return size;
  const n = (x: number) => Math.max(1, Math.round(x * factor));
  return { ...size, streetsPerDistrict: Math.max(2, Math.round(size.streetsPerDistrict * Math.sqrt(factor))), communitiesPerStreet: Math.max(2, Math.round(size.communitiesPerStreet * Math.sqrt(factor))), wells: n(size.wells), tips: n(size.tips), findings: n(size.findings) };
}

export const gridCount = (s: CitySize) => s.districts * s.streetsPerDistrict * s.communitiesPerStreet * s.gridsPerCommunity;

/** Every generated user has this password (the driver logs in with it). */
export const LOAD_PASSWORD = 'Load-bench-2024';
export const CITY_CODE = '990000';

const DISTRICT_NAMES = ['东湖区', '西山区', '南湖区', '北城区', '中原区', '金水区', '高新区', '经开区', '滨河区', '城乡一体化示范区', '新城区', '老城区', '港区', '空港区', '文旅区', '临湖区'];
const STREET_STEMS = ['人民路', '解放路', '建设路', '和平', '光明', '文化路', '新华', '胜利', '东关', '西关', '南关', '北关', '青年路', '工业路', '车站', '白河', '梅溪', '卧龙', '七一', '仲景'];
const COMMUNITY_STEMS = ['幸福', '花园', '阳光', '翠苑', '金桥', '银杏', '枫林', '春晖', '锦绣', '康乐', '和谐', '丰收', '友谊', '滨江', '长青'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = ['建国', '秀英', '桂兰', '志强', '丽娟', '海燕', '玉梅', '卫东', '春生', '红霞', '德华', '淑珍', '国庆', '晓东', '文静', '宏伟', '金凤', '长林', '保国', '素芬', '凤英', '永刚', '明亮', '建军', '翠兰', '振华', '立新', '玉兰', '俊杰', '雪梅'];

const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
const lit = (day: string) => `date '${day}'`;
/** A person's name from a number, in SQL. */
const personName = (n: string) => `substr('${SURNAMES}', 1 + (${n}) % ${[...SURNAMES].length}, 1) || (${arr(GIVEN)})[1 + ((${n}) / 7) % ${GIVEN.length}]`;

export type GenerateStep = { label: string; ms: number };
const FILL_STATES = '-- fillCurrentStates';

/**
 * Builds the city into an empty, migrated database. `today` is the office's date: the history ends
 * the day before. Returns the time of each step.
 */
export async function generateCity(db: Kysely<DB>, size: CitySize, today: string, onStep: (label: string, done: number, total: number) => void = () => {}): Promise<GenerateStep[]> {
  const start = addDays(today, -size.days);
  const opened = addDays(start, -30);
  const yesterday = addDays(today, -1);
  const hash = await hashPassword(LOAD_PASSWORD);
  await initDatabase(db, { cityName: '基准省会市', cityCode: CITY_CODE, demo: false });

  const steps: { label: string; sql: string }[] = [];
  const add = (label: string, statement: string) => steps.push({ label, sql: statement });
  const fixPaths = `update org_units u set path = p.path || u.id || '/' from org_units p where u.parent_id = p.id and u.path like 'tmp:%' and p.path not like 'tmp:%'`;

  // ---------------------------------------------------------------- org tree
  add('区', `update org_units set opened_on = ${lit(opened)} where level = 'city'`);
  add('区', `insert into org_units (code, name, level, parent_id, path, sort_order, opened_on)
    select '99' || lpad(d::text, 2, '0') || '00', (${arr(DISTRICT_NAMES)})[1 + (d - 1) % ${DISTRICT_NAMES.length}] || case when d > ${DISTRICT_NAMES.length} then d::text else '' end,
      'district', c.id, 'tmp:' || d, d, ${lit(opened)}
    from org_units c, generate_series(1, ${size.districts}) d where c.level = 'city'`);
  add('区', fixPaths);
  add('街道', `insert into org_units (code, name, level, parent_id, path, sort_order, opened_on)
    select d.code || lpad(s::text, 3, '0'), (${arr(STREET_STEMS)})[1 + (s - 1) % ${STREET_STEMS.length}] || case when s > ${STREET_STEMS.length} then s::text else '' end || '街道',
      'street', d.id, 'tmp:' || d.code || s, s, ${lit(opened)}
    from org_units d, generate_series(1, ${size.streetsPerDistrict}) s where d.level = 'district'`);
  add('街道', fixPaths);
  add('社区', `insert into org_units (code, name, level, parent_id, path, sort_order, opened_on)
    select s.code || lpad(c::text, 3, '0'), (${arr(COMMUNITY_STEMS)})[1 + (s.sort_order * 3 + c) % ${COMMUNITY_STEMS.length}] || case when c > ${COMMUNITY_STEMS.length} then c::text else '' end || '社区',
      'community', s.id, 'tmp:' || s.code || c, c, ${lit(opened)}
    from org_units s, generate_series(1, ${size.communitiesPerStreet}) c where s.level = 'street'`);
  add('社区', fixPaths);
  add('网格', `insert into org_units (code, name, level, parent_id, path, sort_order, opened_on)
    select c.code || lpad(g::text, 3, '0'), c.name || '第' || g || '网格', 'grid', c.id, 'tmp:' || c.code || g, g, ${lit(opened)}
    from org_units c, generate_series(1, ${size.gridsPerCommunity}) g where c.level = 'community'`);
  add('网格', fixPaths);

  // each grid's survey: started in the first 18 months; 5 % still in progress; 2 % reopened after a check
  add('排查进度', `drop table if exists load_bench_grids`);
  add('排查进度', `create table load_bench_grids as
    select u.id, (row_number() over (order by u.code))::int as idx, u.path, u.code, u.name,
      split_part(u.path, '/', 3)::int as district_id, split_part(u.path, '/', 4)::int as street_id, u.parent_id as community_id,
      null::date as started_on, null::date as completed_on, null::date as reopened_on
    from org_units u where u.level = 'grid'`);
  add('排查进度', `update load_bench_grids set started_on = ${lit(start)} + (idx * 7919) % 540`);
  add('排查进度', `update load_bench_grids set completed_on = case when idx % 20 = 0 or started_on + 7 + idx % 45 >= ${lit(today)} then null else started_on + 7 + idx % 45 end`);
  add('排查进度', `update load_bench_grids set reopened_on = completed_on + 30 where idx % 50 = 1 and completed_on + 30 < ${lit(today)}`);
  add('排查进度', `insert into grid_survey_events (grid_id, event, on_date, reason, actor_name, at)
    select id, 'start', started_on, null, '网格员', started_on + time '09:00' from load_bench_grids
    union all select id, 'complete', completed_on, null, '网格员', completed_on + time '17:00' from load_bench_grids where completed_on is not null
    union all select id, 'reopen', reopened_on, '督导核查发现沿街门店未纳入一户一卡登记，须补充排查', '区封停办', reopened_on + time '10:00' from load_bench_grids where reopened_on is not null`);

  // ---------------------------------------------------------------- users: a grid worker per grid, offices, leaders
  add('用户', `insert into users (username, display_name, phone, password_hash, created_at)
    select 'wg' || idx, '网格员' || ${personName('idx')}, '139' || lpad(idx::text, 8, '0'), '${hash}', started_on - 10 from load_bench_grids`);
  add('用户', `insert into user_grants (user_id, role, org_unit_id)
    select u.id, 'grid', g.id from load_bench_grids g join users u on u.username = 'wg' || g.idx`);
  add('用户', `insert into users (username, display_name, password_hash)
    select 'js' || s.sort_order || '_' || d.sort_order, s.name || ${personName('s.id')}, '${hash}'
    from org_units s join org_units d on d.id = s.parent_id where s.level = 'street'`);
  add('用户', `insert into user_grants (user_id, role, org_unit_id)
    select u.id, 'street', s.id from org_units s join org_units d on d.id = s.parent_id join users u on u.username = 'js' || s.sort_order || '_' || d.sort_order where s.level = 'street'`);
  add('用户', `insert into users (username, display_name, password_hash)
    select 'qd' || d.sort_order || '_' || k, d.name || '封停办' || ${personName('d.id * 3 + k')}, '${hash}' from org_units d, generate_series(1, 3) k where d.level = 'district'`);
  add('用户', `insert into user_grants (user_id, role, org_unit_id)
    select u.id, 'district', d.id from org_units d, generate_series(1, 3) k, users u where d.level = 'district' and u.username = 'qd' || d.sort_order || '_' || k`);
  add('用户', `insert into users (username, display_name, password_hash)
    select 'city' || k, '市封停办' || ${personName('k * 11')}, '${hash}' from generate_series(1, 20) k
    union all select 'ld' || k, '领导' || ${personName('k * 13')}, '${hash}' from generate_series(1, 20) k`);
  add('用户', `insert into user_grants (user_id, role, org_unit_id)
    select u.id, 'city', c.id from users u, org_units c where c.level = 'city' and u.username like 'city%'
    union all select u.id, 'leader', case when substr(u.username, 3)::int % 2 = 0 then c.id else d.id end
      from users u, org_units c, org_units d where c.level = 'city' and u.username like 'ld%' and d.level = 'district' and d.sort_order = 1 + substr(u.username, 3)::int % ${size.districts}`);

  // ---------------------------------------------------------------- 一户一卡: cards, their versions, the audit trail
  const span = `greatest(1, coalesce(g.completed_on, ${lit(yesterday)}) - g.started_on)`;
  add('一户一卡', `insert into user_cards (grid_id, kind, name, address, contact_name, contact_phone, industry, tap_accounts, households, persons, beds,
      wells_declared, water_source, lat, lng, surveyed_by, surveyed_on, remarks, pledge_signed, pledge_stamped, pledge_date, created_at, updated_at)
    select g.id, k.kind,
      case k.kind when 'household' then ${personName('g.idx * 61 + n')} || '户' when 'shop' then g.name || '门店' || n when 'unit' then g.name || '单位' || n else ${personName('g.idx * 61 + n')} || '家' end,
      g.name || n || '号', case when k.kind in ('shop', 'unit') then ${personName('g.idx * 67 + n')} end, case when k.kind in ('shop', 'unit') then '0377' || lpad((g.idx * 61 + n)::text, 7, '0') end,
      case k.kind when 'shop' then '商业' when 'unit' then '住宅小区' end,
      case when k.src = 'well' then '{}'::text[] else array['5' || lpad((g.idx * 61 + n)::text, 9, '0')] end,
      case when k.kind in ('household', 'village_house') then 1 end, 1 + n % 5, null,
      case when k.src in ('well', 'both') then 1 else 0 end, k.src,
      30 + (g.idx % 100) * 0.01 + n * 0.0001, 113 + (g.idx / 100) * 0.01 + n * 0.0001,
      '网格员 ' || ${personName('g.idx')}, g.started_on + (n * 3) % ${span}, null,
      n % 40 <> 0, k.kind = 'unit' and n % 9 <> 0, case when n % 40 <> 0 then g.started_on + (n * 3) % ${span} end,
      g.started_on + (n * 3) % ${span} + time '10:00', g.started_on + (n * 3) % ${span} + time '10:00'
    from load_bench_grids g cross join generate_series(1, ${size.cardsPerGrid}) n
    cross join lateral (select case when n % 10 < 7 then 'household' when n % 10 < 9 then 'shop' when n % 30 = 9 then 'unit' else 'village_house' end as kind,
      case when n % 97 = 5 then 'both' when n % 193 = 7 then 'well' else 'tap' end as src) k`);
  const snapshot = `jsonb_build_object('id', c.id, 'gridId', c.grid_id, 'kind', c.kind, 'name', c.name, 'address', c.address, 'contactName', c.contact_name,
      'contactPhone', c.contact_phone, 'industry', c.industry, 'tapAccounts', to_jsonb(c.tap_accounts), 'households', c.households, 'persons', c.persons,
      'beds', c.beds, 'areaM2', c.area_m2, 'wellsDeclared', c.wells_declared, 'waterSource', c.water_source, 'lat', c.lat, 'lng', c.lng,
      'gpsAccuracyM', c.gps_accuracy_m, 'surveyedBy', c.surveyed_by, 'surveyedOn', c.surveyed_on, 'remarks', c.remarks, 'pledgeSigned', c.pledge_signed,
      'pledgeStamped', c.pledge_stamped, 'pledgeDate', c.pledge_date, 'gridCode', g.code, 'gridName', g.name)`;
  add('一户一卡', `insert into user_card_versions (card_id, version, data, changed_by, changed_at)
    select c.id, 1, ${snapshot}, c.surveyed_by, c.created_at from user_cards c join load_bench_grids g on g.id = c.grid_id`);
  // a third of the cards were corrected once, three weeks later
  add('一户一卡', `update user_cards set version = 2, remarks = '复核：补充联系电话', updated_at = least(created_at + interval '21 days', ${lit(yesterday)} + time '18:00')
    where id % 3 = 0`);
  add('一户一卡', `insert into user_card_versions (card_id, version, data, changed_by, changed_at)
    select c.id, 2, ${snapshot}, c.surveyed_by, c.updated_at from user_cards c join load_bench_grids g on g.id = c.grid_id where c.version = 2`);
  add('一户一卡', `insert into audit_log (at, actor_name, action, entity_type, entity_id, org_path, summary)
    select c.created_at, c.surveyed_by, 'create', 'user_card', c.id::text, g.path, '网格“' || g.name || '”新增一户一卡：' || c.name
    from user_cards c join load_bench_grids g on g.id = c.grid_id`);
  add('一户一卡', `insert into audit_log (at, actor_name, action, entity_type, entity_id, org_path, summary)
    select c.updated_at, c.surveyed_by, 'update', 'user_card', c.id::text, g.path, '修改一户一卡：' || c.name || '（' || g.name || '）'
    from user_cards c join load_bench_grids g on g.id = c.grid_id where c.version = 2`);

  // ---------------------------------------------------------------- wells and their lifecycles, task campaigns
  const grids = gridCount(size);
  add('井档案', `insert into wells (code, org_unit_id, org_path, owner_name, address, lat, lng, year_drilled, depth_m, use, in_use_status, found_via, discovered_on, created_at, updated_at)
    select 'JB' || lpad(w::text, 7, '0'), g.id, g.path,
      case when w % 3 = 0 then g.name || '单位' || w else ${personName('w')} end, g.name || '井' || w,
      30 + (g.idx % 100) * 0.01 + (w % 50) * 0.0001, 113 + (g.idx / 100) * 0.01 + (w % 50) * 0.0001,
      1980 + w % 40, 20 + w % 180,
      (array['domestic', 'production', 'gshp_extraction', 'greening', 'agriculture', 'fire', 'other', 'domestic'])[1 + w % 8], 'in_use',
      (array['survey', 'tip', 'inspection', 'analytics', 'survey', 'other'])[1 + w % 6],
      ${lit(start)} + (w * 31) % ${size.days - 1}, ${lit(start)} + (w * 31) % ${size.days - 1} + time '11:00', ${lit(start)} + (w * 31) % ${size.days - 1} + time '11:00'
    from generate_series(1, ${size.wells}) w join load_bench_grids g on g.idx = 1 + (w * 7) % ${grids}`);
  add('井档案', `insert into well_events (well_id, event, on_date, data, actor_name, at)
    select p.id, p.steps[n], p.discovered_on + n * p.gap,
      case when n = 2 then jsonb_strip_nulls(jsonb_build_object('imported', true, 'disposition', p.disp, 'sealMode', case when p.disp = 'seal' then case when p.id % 5 = 0 then 'standby' else 'backfill' end end))
        else '{"imported": true}'::jsonb end,
      '区封停办', p.discovered_on + n * p.gap + time '15:00'
    from (select id, discovered_on, 5 + id % 11 as gap, id % 8 as upto,
        case when id % 10 < 7 then 'seal' when id % 10 < 9 then 'permit' else 'keep' end as disp,
        case when id % 10 < 7 then array['verify', 'decide', 'serve_notice', 'connect_supply', 'seal', 'accept']
          when id % 10 < 9 then array['verify', 'decide', 'issue_permit', 'install_meter', 'register_tax'] else array['verify', 'decide'] end as steps
      from wells) p
    cross join generate_series(1, 6) n
    where n <= p.upto and n <= cardinality(p.steps) and p.discovered_on + n * p.gap < ${lit(today)}`);
  add('井档案', `update wells set in_use_status = 'sealed', version = 2 where id in (select well_id from well_events where event = 'seal')`);
  // four half-year campaigns; the last is running today
  add('封停任务', `insert into task_campaigns (name, title, starts_on, ends_on)
    select '第' || k || '批', '第' || k || '批自备井封停任务', ${lit(start)} + (k - 1) * 180 + 10,
      case when k = 4 then ${lit(addDays(today, 60))} else ${lit(start)} + k * 180 + 9 end
    from generate_series(1, 4) k`);
  add('封停任务', `insert into campaign_tasks (campaign_id, well_id, district_id, disposition, deadline, added_on)
    select c.id, e.well_id, split_part(w.org_path, '/', 3)::int, e.data->>'disposition', c.ends_on, greatest(e.on_date, c.starts_on)
    from well_events e join wells w on w.id = e.well_id
    join task_campaigns c on c.name = '第' || least(4, greatest(1, (e.on_date - ${lit(start)} - 10) / 180 + 1)) || '批'
    where e.event = 'decide' and e.data->>'disposition' in ('seal', 'permit')`);

  // ---------------------------------------------------------------- tips
  add('举报线索', `insert into tips (code, channel, received_at, received_on, content, address, district_id, grid_id, org_path, anonymous, created_at, updated_at)
    select 'JB' || to_char(${lit(start)} + (t * 13) % ${size.days - 1}, 'YYMMDD') || lpad(t::text, 6, '0'),
      (array['web', 'hotline', 'phone', 'letter', 'visit', 'wechat', 'hotline', 'web'])[1 + t % 8],
      ${lit(start)} + (t * 13) % ${size.days - 1} + time '09:30', ${lit(start)} + (t * 13) % ${size.days - 1},
      '群众反映' || g.name || '附近有人使用自备井取水（' || t || '）', g.name, g.district_id,
      case when t % 5 < 3 then g.id end, case when t % 5 < 3 then g.path else '/' || split_part(g.path, '/', 2) || '/' || g.district_id || '/' end,
      t % 4 <> 0, ${lit(start)} + (t * 13) % ${size.days - 1} + time '09:30', ${lit(start)} + (t * 13) % ${size.days - 1} + time '09:30'
    from generate_series(1, ${size.tips}) t join load_bench_grids g on g.idx = 1 + (t * 11) % ${grids}`);
  add('举报线索', `insert into tip_events (tip_id, event, on_date, data, actor_name, at)
    select p.id, p.steps[n], p.received_on + n * 2,
      case p.steps[n]
        when 'assign' then jsonb_build_object('imported', true, 'districtId', p.district_id, 'deadline', p.received_on + 16)
        when 'pass' then jsonb_build_object('imported', true, 'streetId', p.street_id)
        when 'investigate' then jsonb_build_object('imported', true, 'result', case when p.id % 4 = 0 then 'substantiated' else 'unsubstantiated' end, 'evidence', '现场核查')
        when 'close' then jsonb_build_object('imported', true, 'reply', '已核查并答复')
        else '{"imported": true}'::jsonb end,
      case when n = 1 then '市封停办' else '区封停办' end, p.received_on + n * 2 + time '16:00'
    from (select t.id, t.received_on, t.district_id, split_part(g.path, '/', 4)::int as street_id, case when t.id % 10 = 0 then 1 when t.id % 10 = 1 then 3 else 6 end as upto,
        case when t.id % 3 = 0 then array['assign', 'pass', 'investigate', 'close', 'recheck'] else array['assign', 'investigate', 'close', 'recheck'] end as steps
      from tips t join load_bench_grids g on g.idx = 1 + (substr(t.code, 9)::int * 11) % ${grids}) p
    cross join generate_series(1, 5) n
    where n <= p.upto and n <= cardinality(p.steps) and p.received_on + n * 2 < ${lit(today)}`);

  // ---------------------------------------------------------------- findings of the offices' checks (no 漏排: that would reopen grids)
  add('问题整改', `insert into findings (found_on, category, description, unit_id, district_id, org_path, raised_by_unit_id, raised_path, deadline, created_at, updated_at)
    select ${lit(start)} + (f * 17) % ${size.days - 1},
      (array['not_thorough', 'staff_absent', 'records_incomplete', 'pledge_irregular', 'discharge', 'refusal', 'other', 'not_thorough'])[1 + f % 8],
      c.name || '督导发现问题 ' || f || '：台账与现场不符', c.id, g.district_id, c.path,
      case when f % 2 = 0 then city.id else g.district_id end, case when f % 2 = 0 then city.path else '/' || city.id || '/' || g.district_id || '/' end,
      ${lit(start)} + (f * 17) % ${size.days - 1} + 15,
      ${lit(start)} + (f * 17) % ${size.days - 1} + time '14:00', ${lit(start)} + (f * 17) % ${size.days - 1} + time '14:00'
    from generate_series(1, ${size.findings}) f join load_bench_grids g on g.idx = 1 + (f * 13) % ${grids}
    join org_units c on c.id = g.community_id cross join (select id, path from org_units where level = 'city') city`);
  add('问题整改', `insert into finding_events (finding_id, event, on_date, data, actor_name, at)
    select p.id, (array['start', 'submit', 'verify'])[n], p.found_on + n * 3,
      case n when 2 then '{"imported": true, "evidence": "已整改"}'::jsonb else '{"imported": true}'::jsonb end, '街道办', p.found_on + n * 3 + time '16:00'
    from (select id, found_on, id % 4 as upto from findings) p cross join generate_series(1, 3) n
    where n <= p.upto and p.found_on + n * 3 < ${lit(today)}`);

  add('统计信息', `drop table load_bench_grids`);
  // the events were written straight in SQL: each record's current state is folded by the server's own step (as at start-up)
  add('当前状态', FILL_STATES);
  // PostgreSQL's autovacuum would have analysed two years of growth; PGlite has no autovacuum
  add('统计信息', `analyze`);

  const times: GenerateStep[] = [];
  for (const [i, s] of steps.entries()) {
    onStep(s.label, i, steps.length);
    const t0 = performance.now();
    if (s.sql === FILL_STATES) await fillCurrentStates(db);
    else await sql.raw(s.sql).execute(db);
    const last = times.at(-1);
    if (last?.label === s.label) last.ms += performance.now() - t0;
    else times.push({ label: s.label, ms: performance.now() - t0 });
  }
  onStep('完成', steps.length, steps.length);
  return times;
}

/** Row counts of the generated city, for the report. */
export async function cityCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = ['org_units', 'users', 'user_cards', 'user_card_versions', 'grid_survey_events', 'wells', 'well_events', 'campaign_tasks', 'tips', 'tip_events', 'findings', 'finding_events', 'audit_log'];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db);
    out[t] = r.rows[0]!.n;
  }
  return out;
}
