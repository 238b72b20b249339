/** Chinese names of request fields, so that a validation error reads “名称：…”, not “name: …”. */
const LABELS: Record<string, string> = {
  username: '用户名', password: '密码', currentPassword: '当前密码', newPassword: '新密码', displayName: '姓名', phone: '电话',
  grants: '授权', role: '角色', orgUnitId: '单位', version: '版本', name: '名称', closedOn: '关闭日期', fileName: '文件名', content: '文件内容',
  kind: '类别', address: '地址', contactName: '联系人', contactPhone: '联系电话', industry: '行业分类', tapAccounts: '自来水户号',
  households: '户数', persons: '人数', beds: '床位', areaM2: '建筑面积', wellsDeclared: '申报自备井数', waterSource: '水源', lat: '纬度', lng: '经度',
  gpsAccuracyM: '定位精度', surveyedOn: '排查日期', remarks: '备注', pledgeSigned: '承诺书签字', pledgeStamped: '承诺书盖章', pledgeDate: '承诺书日期',
  gridId: '网格', onDate: '日期', reason: '原因', asOf: '截止日期', unitId: '单位', page: '页码', pageSize: '每页条数', from: '开始日期', to: '结束日期',
  expiresInDays: '有效天数', userId: '用户', ownerType: '照片类型',
  reporterName: '举报人姓名', reporterPhone: '举报人电话', description: '问题描述', category: '类别', title: '标题', channel: '来源渠道',
  receivedAt: '受理时间', partyName: '当事人', partyContact: '当事人联系方式', facts: '违法事实', note: '说明', opId: '操作编号',
};

/** 'tapAccounts.1' → '自来水户号第2项' */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `第${Number(part) + 1}项` : (LABELS[part] ?? part)))
    .join('');
}
