/** Demo accounts, one per role; printed at every start of a demo database. */
export const DEMO_PASSWORD = 'Wellseal2024';

export const DEMO_USERS: { username: string; displayName: string; phone: string | null; grants: { role: string; unit: string }[]; note: string }[] = [
  { username: 'city', displayName: '市封停办 王晓燕', phone: '13837700001', grants: [{ role: 'city', unit: '南阳市' }], note: '市封停办：全市' },
  { username: 'wolong', displayName: '卧龙区封停办 李明', phone: '13837700002', grants: [{ role: 'district', unit: '卧龙区' }], note: '区封停办：卧龙区' },
  { username: 'wancheng', displayName: '宛城区封停办 赵磊', phone: '13837700003', grants: [{ role: 'district', unit: '宛城区' }], note: '区封停办：宛城区' },
  { username: 'gaoxin', displayName: '高新区封停办 孙丽', phone: '13837700004', grants: [{ role: 'district', unit: '高新区' }], note: '区封停办：高新区' },
  { username: 'shifan', displayName: '示范区封停办 周强', phone: '13837700005', grants: [{ role: 'district', unit: '城乡一体化示范区' }], note: '区封停办：城乡一体化示范区' },
  { username: 'guangwu', displayName: '光武街道办 陈静', phone: '13837700006', grants: [{ role: 'street', unit: '光武街道' }], note: '街道办：卧龙区光武街道' },
  { username: 'grid01', displayName: '网格员 刘洋', phone: '13837700007', grants: [{ role: 'grid', unit: '光彩社区第1网格' }], note: '网格员：光彩社区第1网格' },
  { username: 'utility', displayName: '北控水务 数据专员', phone: null, grants: [{ role: 'utility', unit: '南阳市' }], note: '水务集团' },
  { username: 'enforce', displayName: '市水利局执法支队', phone: null, grants: [{ role: 'enforcement', unit: '南阳市' }], note: '水利执法' },
  { username: 'leader', displayName: '市领导', phone: null, grants: [{ role: 'leader', unit: '南阳市' }], note: '领导：只读' },
];
