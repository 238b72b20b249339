import { Card, Result, Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { AccountsTab } from '../components/accounts-tab';
import { ImportsTable } from '../components/imports-table';
import { OutcomesTab } from '../components/outcomes-tab';
import { ReadingsUploadCard } from '../components/readings-upload-card';

const TABS = ['readings', 'accounts', 'outcomes'] as const;
type Tab = (typeof TABS)[number];

/** 用水量导入: the upload card above, the record of imports below. */
function ReadingsTab() {
  // the import the card follows: the one just uploaded, or one picked from the record
  const [importId, setImportId] = useState<number | null>(null);
  return (
    <>
      <ReadingsUploadCard importId={importId} onImport={setImportId} />
      <Card className="ws-card" title="导入记录">
        <ImportsTable current={importId} onOpen={setImportId} />
      </Card>
    </>
  );
}

/**
 * 水务数据: the water company's readings and accounts, and what the checks of its accounts found.
 * For the water company (水务集团) and the city office, which holds the same capabilities.
 */
export function UtilityPage() {
  const can = useCan();
  const list = useListParams();
  const canUpload = can('utility.upload');
  const canRead = can('utility.read');
  const allowed: Tab[] = TABS.filter((t) => (t === 'readings' ? canUpload : canRead));
  const asked = list.oneOf('tab', TABS);
  const tab = asked && allowed.includes(asked) ? asked : allowed[0];

  if (!tab) return <Result status="403" title="无权访问" subTitle="您没有查看水务数据的权限。" />;

  const items = [
    { key: 'readings' as const, label: '用水量导入', children: <ReadingsTab /> },
    {
      key: 'accounts' as const,
      label: '用水户',
      children: (
        <Card className="ws-card">
          <AccountsTab list={list} />
        </Card>
      ),
    },
    {
      key: 'outcomes' as const,
      label: '核查结果',
      children: (
        <Card className="ws-card">
          <OutcomesTab />
        </Card>
      ),
    },
  ].filter((i) => allowed.includes(i.key));

  return (
    <>
      <PageHeader title="水务数据" description="水务集团按月或按日导入用水量和用水户信息，用于发现疑似使用自备井的用水户；核查结果在此反馈" />
      <Tabs
        activeKey={tab}
        // the list's page stays with the list; a new tab keeps it
        onChange={(k) => list.update({ tab: k, page: list.page })}
        items={items}
        data-testid="utility-tabs"
      />
    </>
  );
}
