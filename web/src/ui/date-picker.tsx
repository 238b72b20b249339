/**
 * Ant Design's date picker on the office's clock. Its 今天 / 此刻 buttons and the mark on today's
 * cell come from the date library's "now", which is the browser's; here it is the office's
 * (web/src/lib/office-clock.ts), so a browser in another time zone offers the office's today. Every
 * screen imports DatePicker from here (ESLint forbids antd's own).
 */
import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import generatePicker from 'antd/es/date-picker/generatePicker';
import type { Dayjs } from 'dayjs';
import { officeWallClock } from '../lib/office-clock';

export const DatePicker = generatePicker<Dayjs>({ ...dayjsGenerateConfig, getNow: officeWallClock });
