import { Space, Tag } from 'antd';
import { ROLE_LABELS, type Role } from '@domain/shared/roles';

const ROLE_COLORS: Record<Role, string> = {
  city: 'geekblue',
  district: 'blue',
  street: 'cyan',
  grid: 'green',
  utility: 'purple',
  enforcement: 'volcano',
  leader: 'gold',
};

/** “卧龙区·区封停办” for each grant. */
export function GrantTags({ grants }: { grants: { role: Role; orgName: string }[] }) {
  return (
    <Space size={[0, 4]} wrap>
      {grants.map((g) => (
        <Tag key={`${g.role}-${g.orgName}`} color={ROLE_COLORS[g.role]}>
          {g.orgName}·{ROLE_LABELS[g.role]}
        </Tag>
      ))}
    </Space>
  );
}
