/**
 * The demo campaign's inspections, findings and articles of the two seed bulletins' weeks
 * (第12期: 2024-01-08…13; 第30期: 2024-06-17…21). Events, dates, people and numbers are the seeds';
 * the words are our own. Units are named by "区/街道/社区" paths; wells by their owner. Deterministic.
 */
import type { InspectionKind } from '../../domain/inspection/inspection.js';
import type { FindingEventKind } from '../../domain/inspection/finding.js';
import type { ArticleCategory } from '../../domain/bulletin/article.js';

export type DemoTarget = { unit: string } | { card: string } | { address: string };
export type DemoFinding = {
  category: string;
  unit: string;
  grid?: string;
  description: string;
  deadline: string;
  well?: string;
  /** what happened next; a missed well's grid is surveyed again and completed on `resurveyOn` */
  steps: { event: FindingEventKind; onDate: string; text?: string }[];
  resurveyOn?: string;
};
export type DemoInspection = {
  key: string;
  onDate: string;
  kind: InspectionKind;
  title: string;
  leaders: { name: string; title: string }[];
  team: string;
  area: string;
  targets: DemoTarget[];
  methods: string[];
  narrative: string;
  samples: { label: string; place: string; note: string }[];
  wells: string[];
  findings: DemoFinding[];
};

const YAN = { name: '闫道畅', title: '市领导小组办公室执行副主任、市水利局局长' };
const ZHANG = { name: '张响', title: '市领导小组办公室副主任、市水利局副局长' };
const TEAM_A = { name: '督导一组', title: '市封停办' };
const TEAM_B = { name: '督导二组', title: '市封停办' };

const MISSED_SHOPS = '网格排查没有对沿街门店和城中村住户纳入一户一卡登记';
const shopsFinding = (community: string, steps: DemoFinding['steps']): DemoFinding => ({
  category: 'not_thorough', unit: `卧龙区/${community}`, description: MISSED_SHOPS, deadline: '2024-01-19', steps,
});

export const DEMO_INSPECTIONS: DemoInspection[] = [
  {
    key: 'gshp-baihe', onDate: '2024-01-08', kind: 'site_check', title: '核查调研白河沿岸地温空调项目运行情况', leaders: [YAN],
    team: '市水利局执法人员及监管部门相关人员', area: '', targets: [{ address: '白河沿岸地温空调项目' }, { address: '向阳荷花广场小区地温空调' }],
    methods: ['查看雨污管道', '停机对比管道水量', '水样化验', '超声波流量计测量'],
    narrative: '核查组逐一查看取水设备运行和回灌设施，重点核查地温空调是否有外溢外排水。现场停机对比管道水量、在雨污管道查看排水量，截取管道水样送检，并用超声波流量计即时测量取水与回灌水量。\n向阳荷花广场小区地温空调回灌水量明显小于取水量，雨水管道内有持续来水，存在回灌水外排问题。',
    samples: [{ label: 'SY-20240108-01', place: '向阳荷花广场小区雨水井', note: '疑似回灌水外排' }], wells: [],
    findings: [{
      category: 'discharge', unit: '宛城区/东关街道/荷花广场社区', description: '向阳荷花广场小区存在地温空调回灌水外排问题', deadline: '2024-01-22',
      steps: [{ event: 'start', onDate: '2024-01-10', text: '责令物业停止外排，制定回灌改造方案' }],
    }],
  },
  {
    key: 'zgc-check', onDate: '2024-01-08', kind: 'site_check', title: '检查高新区中关村街道网格排查工作', leaders: [TEAM_A], team: '市封停办工作人员',
    area: '高新区/中关村街道', targets: ['王庄社区', '科技园社区', '创新社区', '双铺社区'].map((c) => ({ unit: `高新区/中关村街道/${c}` })),
    methods: ['查阅缴费单据'], narrative: '抽查中关村街道所辖 4 个社区的网格排查资料：四级网格台账、行业分类档案、网格用水汇总和网格自备井汇总。', samples: [], wells: [],
    findings: [{
      category: 'records_incomplete', unit: '高新区/中关村街道/王庄社区', deadline: '2024-01-15',
      description: '王庄社区具体负责同志因公未到场，只见到4级网格资料，未见行业分类档案，未见网格用水汇总，未见网格自备井汇总',
      steps: [{ event: 'start', onDate: '2024-01-09' }, { event: 'submit', onDate: '2024-01-15', text: '已补齐行业分类档案、网格用水汇总和自备井汇总，报街道审核' }],
    }],
  },
  {
    key: 'suspects', onDate: '2024-01-09', kind: 'research', title: '对疑似双水源用水户芒果一号酒店、漫香湖小区进行调研督导', leaders: [ZHANG],
    team: '市水利局副局长邢必达、北控水务集团副总周晓及高新区相关人员', area: '高新区/张衡街道/七里园社区',
    targets: [{ card: '七里园社区第2网格/芒果一号酒店' }, { card: '七里园社区第1网格/漫香湖小区物业服务中心' }],
    methods: ['查看管道走向', '加压罐', '消防井位', '翻看井盖', '查阅缴费单据', '水样化验'],
    narrative: '据北控水务集团核算，两户自来水用量异常偏低，属地七里园社区此前核查均未发现自备井。督导组一边查看管道走向、加压罐和消防井位，一边翻开井盖查找疑似井位，同时调阅自来水缴费单据、取水样化验。\n漫香湖小区外东广场东北角发现一眼正在使用的自备井。查阅社区排查资料：该小区填有一户一卡、签有承诺书，但未申报自备井，承诺书只有签字、没有盖章。芒果一号酒店经现场核查用水正常。',
    samples: [{ label: 'SY-20240109-01', place: '漫香湖小区东广场井口', note: '地下水特征待化验确认' }], wells: ['漫香湖小区（东广场东北角）'],
    findings: [{
      category: 'missed', unit: '高新区/张衡街道/七里园社区', grid: '七里园社区第1网格', well: '漫香湖小区（东广场东北角）', deadline: '2024-01-16',
      description: '张衡街道七里园社区漫香湖小区在排查中未发现自备井，但经过市封停办现场调研，发现该小区广场内建设时期遗留的自备井仍在使用的，属地网格漏排',
      steps: [{ event: 'submit', onDate: '2024-01-12', text: '已重新排查七里园社区第1网格，补录该井并补盖承诺书公章' }, { event: 'verify', onDate: '2024-01-16' }],
      resurveyOn: '2024-01-12',
    }],
  },
  {
    key: 'plan-meeting', onDate: '2024-01-09', kind: 'meeting', title: '研究部署核查督导工作', leaders: [YAN], team: '市水利局副局长张响、邢必达', area: '', targets: [], methods: [],
    narrative: '结合荷花广场、三川盛唐商务苑暴露的排查问题，研究如何把督导做实：把疑似偷用、群众举报、特行用水、地温空调取水和用水大户列为重点督导对象；对群众举报全部复核；监管与执法联动。',
    samples: [], wells: [], findings: [],
  },
  {
    key: 'liu-sanchuan', onDate: '2024-01-10', kind: 'research', title: '刘江副市长专项调研“飓风”行动排查阶段工作进展情况', leaders: [{ name: '刘江', title: '副市长' }],
    team: '宛城区政府及区封停办负责同志', area: '宛城区/东关街道/三川社区', targets: [{ address: '三川盛唐商务苑小区' }], methods: [],
    narrative: '听取宛城区“飓风”行动工作汇报，指出排查工作中存在的问题，要求加快排查速度、加大排查力度、提高排查质量；针对三川盛唐商务苑的问题，要求成立专案组，集中公安、税务、水利、电业等部门力量，对比自来水用量、化验水质，全面查清。',
    samples: [], wells: [], findings: [],
  },
  {
    key: 'hospital', onDate: '2024-01-10', kind: 'site_check', title: '对宛城区中心医院用水量异常进行调研核查', leaders: [ZHANG], team: '市水利局副局长邢必达及水利监管部门相关人员',
    area: '宛城区', targets: [{ address: '中心医院' }], methods: ['查看管道走向', '查阅缴费单据'], narrative: '北控水务集团反映该院自来水用量异常，督导组现场查看供水管道和缴费记录。', samples: [], wells: [], findings: [],
  },
  {
    key: 'sanchuan-wells', onDate: '2024-01-11', kind: 'site_check', title: '三川盛唐商务苑自备井现场排查', leaders: [TEAM_A], team: '市封停办、宛城区封停办、东关街道工作人员',
    area: '宛城区/东关街道/三川社区', targets: [{ card: '三川社区第1网格/三川盛唐商务苑物业' }], methods: ['查看管道走向', '加压罐', '翻看井盖', '暗访群众'],
    narrative: '群众多次举报三川盛唐小区使用自备井，区、街道复查和网格排查一直报“无”。市封停办组织现场排查，查实 3 眼自备井。', samples: [],
    wells: ['三川盛唐商务苑'],
    findings: [{
      category: 'missed', unit: '宛城区/东关街道/三川社区', grid: '三川社区第1网格', deadline: '2024-01-18', well: '三川盛唐商务苑',
      description: '三川盛唐小区群众多次举报，区封停办对交办的事项也进行了复查，基层网格排查也未查出问题，一直上报是无。市封停办组织现场排查后，最终查实了 3 眼自备井',
      steps: [{ event: 'start', onDate: '2024-01-12', text: '成立专案组，逐户复查' }],
    }],
  },
  {
    key: 'wolong-check', onDate: '2024-01-11', kind: 'site_check', title: '检查卧龙区王村乡、光武街道网格排查工作', leaders: [TEAM_B], team: '市封停办工作人员',
    area: '卧龙区', targets: ['王村乡/王村村', '王村乡/贺营村', '光武街道/光彩社区', '光武街道/榆树庄社区', '光武街道/麒麟社区'].map((c) => ({ unit: `卧龙区/${c}` })),
    methods: ['暗访群众'], narrative: '抽查 5 个社区（村）的一户一卡，并沿街走访门店和城中村住户。原定检查卧龙岗街道，电话联系后街道工作人员仍未到场。', samples: [], wells: [],
    findings: [
      shopsFinding('王村乡/王村村', [{ event: 'submit', onDate: '2024-01-17', text: '已补登沿街门店 23 户' }, { event: 'verify', onDate: '2024-01-19' }]),
      shopsFinding('王村乡/贺营村', [{ event: 'submit', onDate: '2024-01-18', text: '已补登沿街门店 17 户' }, { event: 'verify', onDate: '2024-01-19' }]),
      shopsFinding('光武街道/光彩社区', [{ event: 'start', onDate: '2024-01-13' }, { event: 'submit', onDate: '2024-01-18', text: '补登门店 9 户' }, { event: 'return', onDate: '2024-01-19', text: '城中村住户仍未登记' }]),
      shopsFinding('光武街道/榆树庄社区', [{ event: 'submit', onDate: '2024-01-18', text: '已补登沿街门店和城中村住户' }, { event: 'verify', onDate: '2024-01-22' }]),
      shopsFinding('光武街道/麒麟社区', [{ event: 'submit', onDate: '2024-01-19', text: '已补登沿街门店 12 户、城中村住户 40 户' }]),
      { category: 'staff_absent', unit: '卧龙区/卧龙岗街道', description: '卧龙岗街道工作人员都忙于拆迁，通过电话联系，仍无法来到检查现场', deadline: '2024-01-15', steps: [] },
    ],
  },
  {
    key: 'zaolin-check', onDate: '2024-01-11', kind: 'site_check', title: '检查示范区枣林街道网格排查工作', leaders: [TEAM_B], team: '市封停办、示范区封停办工作人员',
    area: '城乡一体化示范区/枣林街道', targets: [{ address: '人力大厦地温空调' }, { address: '鸿运招待所租赁家属院' }], methods: ['翻看井盖', '查看管道走向'],
    narrative: '兴隆社区网格只登记了人力大厦地温空调 1 眼井，现场实有 5 眼；长江社区鸿运招待所租赁的家属院内新发现 1 眼井，网格排查未发现。', samples: [],
    wells: ['人力大厦（地温空调）', '鸿运招待所租赁家属院'],
    findings: [
      {
        category: 'missed', unit: '城乡一体化示范区/枣林街道/兴隆社区', grid: '兴隆社区第1网格', deadline: '2024-01-18', well: '人力大厦（地温空调）',
        description: '枣林街道兴隆社区网格排查表登记，辖区内人力大厦地温空调有1眼自备井，实际排查该单位地温空调有5眼自备井，社区网格排查漏排4眼',
        steps: [{ event: 'submit', onDate: '2024-01-12', text: '已补录 4 眼井，重新完成网格排查' }, { event: 'verify', onDate: '2024-01-16' }], resurveyOn: '2024-01-12',
      },
      {
        category: 'missed', unit: '城乡一体化示范区/枣林街道/长江社区', grid: '长江社区第1网格', deadline: '2024-01-18', well: '鸿运招待所租赁家属院',
        description: '长江社区鸿运招待所租赁的家属院内现场新发现1眼自备井，而社区网格排查未发现',
        steps: [{ event: 'submit', onDate: '2024-01-12', text: '已补录该井，重新完成网格排查' }, { event: 'verify', onDate: '2024-01-16' }], resurveyOn: '2024-01-12',
      },
    ],
  },
  {
    key: 'directors-meeting', onDate: '2024-01-12', kind: 'meeting', title: '市领导小组办公室召开办公室主任会议',
    leaders: [{ name: '唐荣涛', title: '市领导小组办公室主任、市政府副秘书长' }], team: '闫道畅、张响及四区政府（管委会）、市直各责任单位分管领导', area: '', targets: [], methods: [],
    narrative: '通报本周排查进度和督导发现的问题，四区及市直各责任单位汇报一周工作。会议要求立足排、着力查、重点打。', samples: [], wells: [], findings: [],
  },
  {
    key: 'transport-gshp', onDate: '2024-01-13', kind: 'research', title: '调研市交通局地温空调用水及示范区排查工作', leaders: [YAN, ZHANG], team: '市封停办工作人员', area: '',
    targets: [{ address: '市交通局地温空调' }, { unit: '城乡一体化示范区/白河街道' }, { unit: '城乡一体化示范区/枣林街道/兴隆社区' }], methods: ['停机对比管道水量'],
    narrative: '查看市交通局地温空调取水回灌情况，并到示范区白河街道、枣林街道兴隆社区调研排查工作。', samples: [], wells: [], findings: [],
  },
  // bulletin 第30期
  {
    key: 'wancheng-june', onDate: '2024-06-17', kind: 'joint_enforcement', title: '会同市督察局对宛城区自备井封停工作进行督导',
    leaders: [YAN, { name: '张哲诚', title: '市委市政府督查局科长' }], team: '市封停办、市督察局工作人员', area: '宛城区',
    targets: [{ address: '建发家属院' }, { address: '大自然幼儿园' }, { address: '金苑福润花园' }], methods: ['查看管道走向'],
    narrative: '现场查看三处外网铺设和内网管道改造进度，听取宛城区 6 月封停任务进展汇报，对堵点难点逐一分析。', samples: [], wells: [], findings: [],
  },
  {
    key: 'seal-seminar', onDate: '2024-06-20', kind: 'meeting', title: '自备井封停研讨会', leaders: [ZHANG], team: '市封停办、卧龙区封停办工作人员及市水利局相关科室负责人',
    area: '', targets: [], methods: [], narrative: '研判封停进程中的堵点，重点梳理年取水量 1000 方以下取水单位的纳管和日常监管。', samples: [], wells: [], findings: [],
  },
];

export type DemoArticle = { category: ArticleCategory; author: string; title: string; onDate: string; inspection?: string; paragraphs: string[] };

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    category: 'leader', author: '', title: '刘江副市长专项调研“飓风”行动排查阶段工作进展情况', onDate: '2024-01-10', inspection: 'liu-sanchuan',
    paragraphs: [
      '1月10日，刘江副市长来到宛城区三川盛唐商务苑小区，专项调研自备井整治排查阶段的工作，听取宛城区“飓风”行动汇报，点出当前排查中的问题，要求排查要更快、力度要更大、质量要更高。',
      '对三川盛唐商务苑小区，刘江副市长要求宛城区成立专案组，调动公安、税务、水利、电业等部门力量，用对比自来水用量、化验水质等技术手段攻克难点、查清问题；对拒不配合、隐瞒不报的严管重罚，用典型案例形成震慑，全力推进排查。',
    ],
  },
  {
    category: 'work', author: '', title: '市领导小组办公室召开办公室主任会议', onDate: '2024-01-12', inspection: 'directors-meeting',
    paragraphs: [
      '1月12日，市领导小组办公室主任、市政府副秘书长唐荣涛主持召开办公室主任会议，办公室执行副主任闫道畅、副主任张响及四区政府（管委会）、市直各责任单位分管领导参会。',
      '会上通报了本周全市排查进度和督导发现的问题，四区及市直各责任单位汇报了一周重点工作、排查进度和下步打算。唐荣涛秘书长肯定了各单位的付出，也指出排不细、查不到、力度小的问题依然存在。',
      '会议要求：一是立足排，排细排实，继续查找违规自备井；二是着力查，对北控水务提供的疑似单位多手段查准查实；三是重点打，水利、住建、城管等部门联合会商，对蓄意规避检查的依法严惩，以典型案例形成震慑。',
    ],
  },
  {
    category: 'work', author: '', title: '市领导小组办公室核查调研地温空调项目运行情况', onDate: '2024-01-08', inspection: 'gshp-baihe',
    paragraphs: [
      '1月8日，市领导小组办公室执行副主任、市水利局局长闫道畅带队，现场核查白河沿岸地温空调项目运行情况，市水利局执法人员及监管部门相关人员参加。',
      '核查组查看取水设备和回灌设施，采取查看雨污管道水量、停机对比管道水量、截取水样化验、超声波流量计即时测量等办法，重点检查是否外溢外排。闫道畅局长要求水利监管单位对地温空调用水从审批、建设、运行全程监管，严厉打击外排水等违规行为。',
      '1月13日，闫道畅、张响带队，对市交通局地温空调用水情况及示范区白河街道、枣林街道兴隆社区排查工作进行调研督导。',
    ],
  },
  {
    category: 'work', author: '', title: '市领导小组办公室对疑似双水源用水户进行调研督导', onDate: '2024-01-09', inspection: 'suspects',
    paragraphs: [
      '1月9日，市领导小组办公室副主任、市水利局副局长张响带队，到高新区芒果一号酒店、漫香湖小区调研督导疑似双水源用水问题，市水利局副局长邢必达、北控水务集团副总周晓及高新区相关人员陪同。',
      '北控水务集团核算这两户自来水用量异常，属地七里园社区核查后均报未发现自备井。督导组查看管道走向、加压罐和消防井位，翻看井盖，调阅缴费单据并取水样化验，在漫香湖小区外东广场东北角发现一眼正在使用的自备井；该小区一户一卡未申报自备井，承诺书只签字未盖章。芒果一号酒店用水正常。',
      '1月10日，张响带队到宛城区中心医院，核查北控水务集团反映的用水量异常情况。',
    ],
  },
  {
    category: 'work', author: '', title: '市领导小组办公室研究部署核查督导工作', onDate: '2024-01-09', inspection: 'plan-meeting',
    paragraphs: [
      '1月9日，市领导小组办公室执行副主任、市水利局局长闫道畅主持研究近期督导中发现的问题和如何压实督导效力，市水利局副局长张响、邢必达参会。',
      '会议要求：把疑似偷用、群众举报、特行用水、地温空调取水和用水大户作为重点督导对象，用暗访、翻挖井盖、查看机泵、水质分析等手段把问题找准；群众举报案例全部复核，查处一批敷衍塞责的典型；监管与执法联动，封停违规自备井，置换南水北调水源。',
    ],
  },
  {
    category: 'work', author: '', title: '市领导小组办公室会同市督察局对宛城区自备井封停工作进行督导', onDate: '2024-06-17', inspection: 'wancheng-june',
    paragraphs: [
      '6月17日，市领导小组办公室执行副主任、市水利局局长闫道畅和市委市政府督查局张哲诚科长带队到宛城区督导封停工作，查看建发家属院、大自然幼儿园、金苑福润花园的外网铺设和内网改造进度，听取宛城区6月封停任务进展汇报。',
      '督导组逐项分析宛城区提出的堵点难点，要求进一步压实责任、坚持问题导向，发挥区封停办和基层力量，加强部门协作，确保高质量完成目标任务。',
    ],
  },
  {
    category: 'work', author: '', title: '市领导小组办公室召开自备井封停研讨会', onDate: '2024-06-20', inspection: 'seal-seminar',
    paragraphs: [
      '6月20日，市领导小组办公室副主任张响召集自备井封停研讨会，研判封停中的具体问题和堵点，重点梳理四区都存在的年取水量1000方以下取水单位的纳管和日常监管。',
      '会议要求市封停办依法依规尽快出台市级规范性文件，明确办理流程和责任分工，确保“决战六月”目标按期完成。市封停办、卧龙区封停办工作人员及市水利局相关科室负责人参会。',
    ],
  },
  {
    category: 'info', author: '城乡一体化示范区', title: '多措并举全力打好自备井封停攻坚战', onDate: '2024-06-21',
    paragraphs: [
      '6月是封停攻坚的关键阶段。示范区高位推动、三级联动、专班作战，连续作战、攻坚克难，近三天连续封停自备井19眼。',
      '下一步，示范区将集中时间和力量，按照一户一策、一井一议、一事一议，坚决打好自备井封停攻坚战。',
    ],
  },
  {
    category: 'info', author: '卧龙区', title: '召开自备井专项整治专题会议', onDate: '2024-06-19',
    paragraphs: [
      '6月19日下午，卧龙区封停办召开专题会议，研究“决战六月”任务中需纳管单位如何纳管、个别单位纳管中的难点，并请区税务部门负责同志讲解1千方以下用水户缴纳水资源税的办法。辖区相关街道办事处分管负责人和业务负责人参会。',
    ],
  },
  {
    category: 'info', author: '卧龙区', title: '崔庄社区城中村水源置换管网改造工程开工', onDate: '2024-06-20',
    paragraphs: [
      '6月20日上午，卧龙区崔庄社区城中村水源置换管网改造工程开工。管网改造是该社区封停自备井的前提，也关系到群众饮水安全。',
      '市、区领导多次到社区调研，区封停办多次与北控南阳水务集团对接，广泛征求居民意见，协商确定改造费用和方案；街道、社区干部多次入户宣传解释。',
      '工程改造完成后预计可解决145户、608人的饮水问题，封停自备井30余眼。',
    ],
  },
  {
    category: 'info', author: '宛城区', title: '召开自备井封停工作约谈会', onDate: '2024-06-18',
    paragraphs: [
      '6月18日上午，宛城区召开自备井封停工作约谈会，通报“决战六月”任务清单和进展。区领导王明东要求承担封停任务的街道办事处提高认识、精准施策、压实责任，在有限时间内压茬作业，全力完成市委市政府交办的任务。',
    ],
  },
];
