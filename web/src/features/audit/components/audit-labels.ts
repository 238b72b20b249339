/** Chinese names for the audit log's action and entity codes. Unknown codes show as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: '登录',
  logout: '退出登录',
  lock: '账号锁定',
  change_password: '修改密码',
  reset_password: '重置密码',
  create: '新建',
  update: '修改',
  disable: '停用',
  enable: '启用',
  revoke: '吊销',
  import: '导入',
  init: '初始化',
  reveal_personal_info: '查看完整号码',
  view_reporter: '查看举报人',
  export_reporters: '导出举报人',
  field_discard: '外业修改未采用',
};

export const AUDIT_ACTION_COLORS: Record<string, string> = {
  login: 'default',
  logout: 'default',
  lock: 'red',
  change_password: 'purple',
  reset_password: 'purple',
  create: 'green',
  update: 'blue',
  disable: 'volcano',
  enable: 'cyan',
  revoke: 'volcano',
  import: 'geekblue',
  init: 'default',
  reveal_personal_info: 'magenta',
  view_reporter: 'magenta',
  export_reporters: 'magenta',
  field_discard: 'orange',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  session: '登录会话',
  user: '用户',
  org_unit: '组织机构',
  api_token: '接口令牌',
  user_card: '一户一卡',
  case: '执法案件',
  tip: '举报线索',
  setting: '系统设置',
};
