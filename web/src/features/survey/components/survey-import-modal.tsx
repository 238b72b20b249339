import { DownloadOutlined } from '@ant-design/icons';
import { CARD_SHEET_COLUMNS } from '@domain/survey/card-sheet';
import type { UploadProgress } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format';
import { SheetImportModal, type SheetUpload } from '../../../ui/sheet-import-modal';
import { CARD_TEMPLATE_URL, importCardSheet, importProgressSheet, type CardImportOutcome, type ProgressImportOutcome } from '../api/survey-api';
import { SURVEY_KEY } from '../hooks/use-survey';

export type SurveyImportKind = 'cards' | 'progress';

type Outcome = { kind: 'cards'; result: CardImportOutcome } | { kind: 'progress'; result: ProgressImportOutcome };

const TITLES: Record<SurveyImportKind, string> = { cards: '导入一户一卡', progress: '导入排查进度' };
const PROGRESS_COLUMNS = ['网格编号', '开始排查日期', '完成排查日期'];

async function send(kind: SurveyImportKind, input: SheetUpload, onUpload: (p: UploadProgress) => void): Promise<Outcome> {
  return kind === 'cards'
    ? { kind, result: await importCardSheet(input, onUpload) }
    : { kind, result: await importProgressSheet(input, onUpload) };
}

function changes(o: Outcome): number {
  return o.kind === 'cards' ? o.result.created + o.result.updated : o.result.events;
}

function describe(outcome: Outcome, applied: boolean) {
  const will = applied ? '' : '将';
  return outcome.kind === 'cards'
    ? [
        { key: 'c', label: `${will}新增一户一卡`, children: formatCount(outcome.result.created) },
        { key: 'u', label: `${will}修改一户一卡`, children: formatCount(outcome.result.updated) },
        { key: 'n', label: '无变化', children: formatCount(outcome.result.unchanged) },
      ]
    : [
        { key: 'g', label: `${will}更新网格`, children: formatCount(outcome.result.grids) },
        { key: 'e', label: `${will}补充排查记录`, children: formatCount(outcome.result.events) },
        { key: 'n', label: '无变化网格', children: formatCount(outcome.result.unchanged) },
      ];
}

/**
 * The 一户一卡 sheet or the survey-progress sheet, in two steps like the org import: a dry run that
 * shows what would change, then the real import. The whole sheet applies, or the bad rows are listed.
 */
export function SurveyImportModal({ kind, onClose }: { kind: SurveyImportKind | null; onClose: () => void }) {
  return (
    <SheetImportModal<Outcome>
      open={kind !== null}
      onClose={onClose}
      title={kind ? TITLES[kind] : ''}
      columns={kind === 'progress' ? PROGRESS_COLUMNS : CARD_SHEET_COLUMNS.map((c) => c.label)}
      note={
        kind === 'cards' ? (
          <>
            <a href={CARD_TEMPLATE_URL} download>
              <DownloadOutlined /> 下载模板
            </a>
            ；“卡片编号”留空为新增，填写则修改该卡片（可先导出一户一卡，改好后再导入）。新增卡片所在网格须未完成排查。
          </>
        ) : (
          '每行一个网格；已有的排查记录不会被改写，只补充缺少的开始、完成记录。日期可写作 2024-01-12、2024/1/12 或 2024年1月12日。'
        )
      }
      // the sheet is sent only while the modal is open, that is while a kind is chosen
      send={(input, onUpload) => send(kind ?? 'cards', input, onUpload)}
      changes={changes}
      successText={(o) => (o.kind === 'cards' ? '一户一卡已导入' : '排查进度已导入')}
      invalidates={SURVEY_KEY}
      describe={describe}
    />
  );
}
