/** Chinese names of request fields, so that a validation error reads “名称：…”, not “name: …”. */
const LABELS: Record<string, string> = {
  username: '用户名', password: '密码', currentPassword: '当前密码', newPassword: '新密码', displayName: '姓名', phone: '电话',
  grants: '授权', role: '角色', orgUnitId: '单位', version: '版本', name: '名称', closedOn: '关闭日期', fileName: '文件名', content: '内容',
  kind: '类别', address: '地址', contactName: '联系人', contactPhone: '联系电话', industry: '行业分类', tapAccounts: '自来水户号',
  households: '户数', persons: '人数', beds: '床位', areaM2: '建筑面积', wellsDeclared: '申报自备井数', waterSource: '水源', lat: '纬度', lng: '经度',
  gpsAccuracyM: '定位精度', surveyedOn: '排查日期', remarks: '备注', pledgeSigned: '承诺书签字', pledgeStamped: '承诺书盖章', pledgeDate: '承诺书日期',
  gridId: '网格', onDate: '日期', reason: '原因', asOf: '截止日期', unitId: '单位', page: '页码', pageSize: '每页条数', from: '开始日期', to: '结束日期',
  expiresInDays: '有效天数', userId: '用户', ownerType: '照片类型',
  reporterName: '举报人姓名', reporterPhone: '举报人电话', description: '问题描述', category: '类别', title: '标题', channel: '来源渠道',
  receivedAt: '受理时间', partyName: '当事人', partyContact: '当事人联系方式', facts: '违法事实', note: '说明', opId: '操作编号',
  // query strings and path parameters
  id: '记录编号', code: '编码', q: '搜索内容', format: '格式', includeClosed: '含已撤销单位', entityType: '记录类型', entityId: '记录编号', actor: '操作人',
  state: '状态', stage: '阶段', status: '完成情况', overdue: '是否逾期', includeReporter: '含举报人信息', campaignId: '任务批次', seriesId: '简报系列',
  gap: '缺卡情况', batchId: '核查批次', outcome: '核查结果', layers: '图层', year: '年度', thresholdM3: '年取水量上限', tax: '税务登记', projectId: '管网改造项目',
  minShare: '地下水占比下限', belowDetection: '低于检出限', linkKind: '关联类型', linkId: '关联记录', low: '回灌偏低', weekEnd: '周截止日期',
  // org, audit, sheet imports
  allowNewUnits: '允许新增单位', dryRun: '仅检查',
  // wells and task campaigns
  ownerName: '井主/单位', yearDrilled: '成井年份', depthM: '井深', innerDiameterMm: '井径', casing: '井管材质', aquifer: '含水层', use: '用途',
  pumpPowerKw: '水泵功率', powerMeterNo: '电表号', inUseStatus: '使用状态', foundVia: '发现途径', foundRef: '发现依据', cardId: '一户一卡',
  discoveredOn: '发现日期', disposition: '处置类别', event: '操作', data: '办理内容', sealMode: '封停方式', legalBasis: '法律依据', deadline: '期限', switchProject: '水源置换项目',
  method: '方式', materials: '封填材料', depthFromM: '封填起始深度', depthToM: '封填终止深度', contractor: '施工单位', acceptedBy: '验收人', conclusion: '验收结论',
  applicationNo: '申请编号', permitNo: '取水许可证号', annualVolumeM3: '年取水量', permitExpiresOn: '许可有效期', meterSerial: '水表编号',
  taxRegisteredNo: '水资源税登记号', imported: '导入', startsOn: '开始日期', endsOn: '结束日期', districtId: '区', tasks: '任务', wellId: '自备井',
  // tips
  photos: '照片', formToken: '表单令牌', website: '网址', streetId: '街道', result: '核查结论', evidence: '核查情况', reply: '答复', intoId: '合并到的线索',
  // inspections, findings, articles, bulletins
  leaders: '带队领导', team: '督导组成员', areaUnitId: '督导区域', targets: '督导对象', refId: '关联记录', label: '名称', methods: '督导方式', narrative: '督导情况',
  samples: '取样', place: '地点', foundWells: '发现的井', findings: '发现的问题', foundOn: '发现日期', wellIndex: '井序号', extraCategories: '自定义问题类别',
  extraMethods: '自定义督导方式', inspectionId: '督导核查', text: '汇总内容', plan: '整改方案', paragraphs: '正文段落', authorUnitId: '供稿单位', action: '操作',
  office: '编印单位', reportLine: '报送单位', sendLine: '发送单位', issuedOn: '印发日期', number: '期号', sections: '栏目', articleIds: '稿件', table: '表格',
  inContents: '列入本期导读', correctsId: '更正的简报', correction: '更正说明', date: '日期',
  // water company data and suspects
  householdSize: '户均人数', categories: '类别', basis: '定额依据', litresPerDay: '用水定额', runId: '分析批次', topN: '核查户数', controlShare: '对照抽样比例',
  dueOn: '完成期限', checkedOn: '核查日期', newWell: '新发现的井',
  // cases, source switch, samples, heat pumps
  violation: '违法类型', typical: '典型案例', filedOn: '立案日期', partyCardId: '当事人一户一卡', wellIds: '自备井', violationOther: '其他违法行为', fineYuan: '罚款金额',
  otherMeasures: '其他处罚措施', decisionNo: '处罚决定书文号', executionNote: '执行情况', wellsPlanned: '计划封停井数', budgetWan: '预算（万元）',
  costSharing: '费用分担', startedOn: '开工日期', plannedFinish: '计划完工日期', finishedOn: '完工日期', progress: '进度', sampledOn: '采样日期', sampledBy: '采样人',
  point: '采样点', fieldChlorine: '现场余氯检测', fieldChlorineMgL: '现场余氯', labResults: '化验结果', labName: '化验单位', reportOn: '报告日期', floor: '检出下限',
  city: '全市默认值', tap: '自来水端元值', well: '井水端元值', districts: '各区', operator: '运营单位', approvalNo: '审批文号', approvalDate: '审批日期',
  approvalAuthority: '审批机关', approvalDocuments: '审批文件', url: '链接', registeredWells: '登记井数', designPumpM3PerDay: '设计日取水量',
  designReinjectM3PerDay: '设计日回灌量', operatingDaysPerYear: '年运行天数', ratioThreshold: '回灌率下限', meteringThresholdM3PerYear: '在线计量年水量门槛',
  period: '期间', pumpedM3: '取水量', reinjectedM3: '回灌量', waterTempC: '水温',
  // personal information, field app
  field: '字段', gpsAccuracyLimitM: '定位精度上限', card: '一户一卡', baseVersion: '原版本', officeVersion: '办公端版本', gps: '定位', accuracyM: '定位精度',
  checkId: '核查任务', target: '记录类型', targetId: '记录编号',
};

/** 'tapAccounts.1' → '自来水户号第2项' */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `第${Number(part) + 1}项` : (LABELS[part] ?? part)))
    .join('');
}
