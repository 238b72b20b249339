import type { ThemeConfig } from 'antd';

export const SIDER_BG = '#0a2a5c';

/** A sober government-portal look: deep blue navigation, restrained primary blue, square-ish corners. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1a5fb4',
    colorInfo: '#1a5fb4',
    colorLink: '#1a5fb4',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
    colorBgLayout: '#f0f3f8',
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerBg: '#ffffff', headerHeight: 60, headerPadding: '0 20px' },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: '#082349',
      darkItemSelectedBg: '#1a5fb4',
      darkItemColor: 'rgba(255,255,255,0.72)',
      darkItemHoverColor: '#ffffff',
      itemHeight: 44,
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: '#f5f7fb' },
  },
};
