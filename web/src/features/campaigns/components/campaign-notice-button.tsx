import { FileTextOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { showApiError } from '../../../ui/feedback';
import { useBulletinMutations } from '../../bulletins/hooks/use-bulletins';
import type { Campaign } from '../api/campaigns-api';
import { isAfterToday, officeToday } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

/**
 * 生成日通报: opens the campaign's 日通报 issue for a day (made on first use) in the bulletin editor.
 * The day starts at today, or at the campaign's last day once it is over.
 */
export function CampaignNoticeButton({ campaign }: { campaign: Campaign }) {
  const navigate = useNavigate();
  const { notice } = useBulletinMutations();
  const today = officeToday();
  const [day, setDay] = useState(campaign.endsOn < today ? campaign.endsOn : today);

  const open = () =>
    notice.mutate(
      { campaignId: campaign.id, date: day },
      { onSuccess: (b) => navigate(`/bulletins/${b.id}`), onError: showApiError },
    );

  return (
    <Space.Compact>
      <DatePicker
        allowClear={false}
        inputReadOnly
        value={dayjs(day, DAY)}
        format="YYYY年M月D日"
        disabledDate={(d: Dayjs) => isAfterToday(d) || d.format(DAY) < campaign.startsOn}
        onChange={(d) => d && setDay(d.format(DAY))}
        style={{ width: 150 }}
        aria-label="日通报日期"
        data-testid="campaign-notice-date"
      />
      <Button icon={<FileTextOutlined />} loading={notice.isPending} onClick={open} data-testid="campaign-notice">
        生成日通报
      </Button>
    </Space.Compact>
  );
}
