/**
 * The demo's heat-pump projects (地温空调), from bulletin 第12期: the 白河沿岸 project and
 * 向阳荷花广场 inspected on 2024-01-08 (inspection `gshp-baihe`), and 人力大厦 in 兴隆社区, whose
 * grid registered 1 well of the 5 found on 2024-01-11. What the January inspections found is
 * already on file as findings; the projects point to those findings and raise none of their own in
 * January. Names of operators, approval numbers and volumes are invented. Deterministic.
 *
 * 白河沿岸: the inspection was the city office's (no area), so the project is placed where the
 * river runs past the city centre: 卧龙区梅溪街道白河湾社区.
 */
import type { HeatPumpStage, ObservationKind, ReadingMethod } from '../../domain/heatpump/project.js';

export type DemoReading = { period: string; pumpedM3: number; reinjectedM3: number; method: ReadingMethod; waterTempC: number | null; note?: string };
export type DemoHeatPumpProject = {
  name: string;
  operator: string;
  address: string;
  lat: number;
  lng: number;
  /** 区/街道/社区 */
  unit: string;
  approval: { no: string; date: string | null; authority: string; documents: { title: string; url: string | null }[] };
  stage: HeatPumpStage;
  registeredWells: number;
  designPumpM3PerDay: number;
  designReinjectM3PerDay: number;
  operatingDaysPerYear: number;
  remarks: string;
  /** owners of the well files that are the project's wells */
  wellOwners: string[];
  readings: DemoReading[];
  observations: { onDate: string; kind: ObservationKind; note: string; inspection: string | null }[];
  /** records answered by a finding already on file: the key ('observation#0': the project's first observation), and the finding's description */
  answeredBy: { key: string; finding: string }[];
  /** readings recorded last, through the service, as an office would: what they call for is raised */
  later: DemoReading[];
};

/** A month read from the meter: pumped m³, and reinjected as a share of it. */
const month = (period: string, pumpedM3: number, share: number, waterTempC: number): DemoReading => ({
  period, pumpedM3, reinjectedM3: Math.round(pumpedM3 * share), method: 'meter', waterTempC,
});

export const DEMO_HEAT_PUMP_PROJECTS: DemoHeatPumpProject[] = [
  {
    name: '白河沿岸地温空调项目', operator: '南阳白河湾置业有限公司', address: '卧龙区梅溪街道滨河路白河湾小区', lat: 33.0652, lng: 112.5013,
    unit: '卧龙区/梅溪街道/白河湾社区',
    approval: {
      no: '宛水许〔2019〕27号', date: '2019-05-16', authority: '南阳市水利局',
      documents: [{ title: '取水许可证（地温空调取水、回灌各 2 眼）', url: null }, { title: '水资源论证报告书审查意见', url: null }],
    },
    stage: 'operation', registeredWells: 4, designPumpM3PerDay: 480, designReinjectM3PerDay: 480, operatingDaysPerYear: 240,
    remarks: '小区集中供暖制冷，2019年建成运行', wellOwners: [],
    readings: [
      month('2023-11', 9_800, 0.985, 17.2), month('2023-12', 13_600, 0.982, 16.4), month('2024-01', 14_100, 0.979, 16.1), month('2024-02', 12_900, 0.981, 16.3),
      month('2024-03', 8_200, 0.986, 16.9), month('2024-06', 9_400, 0.976, 18.1), month('2024-07', 13_200, 0.972, 18.6), month('2024-08', 13_800, 0.968, 18.8),
    ],
    observations: [{ onDate: '2024-01-08', kind: 'pump_stop_test', note: '停机对比管道水量、查看雨污管道：未见外溢外排，超声波流量计测量取水与回灌水量基本一致', inspection: 'gshp-baihe' }],
    answeredBy: [],
    // a September whose reinjection fell short: raised for 卧龙区 when the reading came in
    later: [month('2024-09', 11_600, 0.862, 18.4)],
  },
  {
    name: '人力大厦地温空调', operator: '人力大厦物业管理处', address: '示范区枣林街道兴隆社区人力大厦', lat: 33.0147, lng: 112.5702,
    unit: '城乡一体化示范区/枣林街道/兴隆社区',
    approval: { no: '', date: null, authority: '', documents: [{ title: '网格排查表：申报地温空调自备井 1 眼（2023-12-08）', url: null }] },
    stage: 'operation', registeredWells: 1, designPumpM3PerDay: 160, designReinjectM3PerDay: 160, operatingDaysPerYear: 200,
    remarks: '网格登记 1 眼，2024年1月11日督导核查实有 5 眼（取水 3 眼、回灌 2 眼）', wellOwners: ['人力大厦（地温空调）'],
    readings: [month('2024-03', 2_900, 0.962, 16.8), month('2024-06', 3_300, 0.958, 17.9), month('2024-07', 4_400, 0.955, 18.3)],
    observations: [],
    answeredBy: [{ key: 'wells:5', finding: '枣林街道兴隆社区网格排查表登记，辖区内人力大厦地温空调有1眼自备井，实际排查该单位地温空调有5眼自备井，社区网格排查漏排4眼' }],
    later: [],
  },
  {
    name: '向阳荷花广场小区地温空调', operator: '向阳荷花广场小区物业服务中心', address: '宛城区东关街道向阳路荷花广场小区', lat: 33.0351, lng: 112.5583,
    unit: '宛城区/东关街道/荷花广场社区',
    approval: { no: '宛水许〔2016〕11号', date: '2016-09-02', authority: '南阳市水利局', documents: [{ title: '取水许可证（取水、回灌各 1 眼）', url: null }] },
    stage: 'operation', registeredWells: 2, designPumpM3PerDay: 220, designReinjectM3PerDay: 220, operatingDaysPerYear: 240,
    remarks: '2024年1月8日核查发现回灌水外排，责令停止外排并改造回灌设施', wellOwners: [],
    readings: [
      { period: '2024-01-08', pumpedM3: 186, reinjectedM3: 104, method: 'ultrasonic', waterTempC: 15.8, note: '市领导小组办公室核查时超声波流量计即时测量' },
      month('2024-03', 3_900, 0.957, 16.6), month('2024-06', 4_200, 0.961, 17.7), month('2024-07', 5_600, 0.964, 18.2), month('2024-08', 5_900, 0.97, 18.5),
    ],
    observations: [{ onDate: '2024-01-08', kind: 'discharge', note: '回灌水量明显小于取水量，雨水管道内有持续来水', inspection: 'gshp-baihe' }],
    answeredBy: [
      { key: 'observation#0', finding: '向阳荷花广场小区存在地温空调回灌水外排问题' },
      { key: 'month:2024-01', finding: '向阳荷花广场小区存在地温空调回灌水外排问题' },
    ],
    later: [],
  },
];

/** The well the 兴隆社区 grid registered for 人力大厦 (the four more were found on 2024-01-11). */
export const DEMO_REGISTERED_GSHP_WELL = { owner: '人力大厦（地温空调）', grid: '兴隆社区第1网格', discoveredOn: '2023-12-08', use: 'gshp_extraction' as const };
