import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, Modal, Row, Select, TreeSelect, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { grantableRoles, ROLE_LABELS, ROLE_LEVELS, type Role } from '@domain/shared/roles';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useMe } from '../../auth/hooks/use-session';
import { PASSWORD_RULE_TEXT } from '../../auth/components/change-password-modal';
import { GeneratedPasswordField } from './generated-password-field';
import type { OrgUnit } from '../../org/api/org-api';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import type { User } from '../api/users-api';
import { useUserMutations } from '../hooks/use-users';
import { randomPassword } from './random-password';

type GrantField = { role?: Role; orgUnitId?: number };
type Values = { username: string; displayName: string; phone?: string; password: string; grants: GrantField[] };

/** `user` null: create; otherwise edit that user. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { create, update } = useUserMutations();
  const { data: units } = useOrgUnits(false);
  const roles = grantableRoles(me.grants.map((g) => g.role));
  const editing = user !== null;
  const self = user?.id === me.id;
  const mutation = editing ? update : create;

  // fill the form when it opens, not when a reload brings a newer copy of the same user
  const userRef = useRef(user);
  userRef.current = user;
  const userId = user?.id ?? null;
  useEffect(() => {
    if (!open) return;
    const user = userRef.current;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { username: user.username, displayName: user.displayName, phone: '', grants: user.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId })) }
        : { grants: [{}], password: randomPassword() },
    );
  }, [open, userId, form]);

  const submit = (v: Values) => {
    const grants = v.grants.flatMap((g) => (g.role && g.orgUnitId ? [{ role: g.role, orgUnitId: g.orgUnitId }] : []));
    const phone = v.phone?.trim() ? v.phone.trim() : undefined;
    if (user) {
      update.mutate(
        {
          id: user.id,
          body: {
            version: user.version,
            displayName: v.displayName.trim(),
            ...(phone ? { phone } : {}),
            ...(self ? {} : { grants }),
          },
        },
        { onSuccess: (u) => { showSuccess(`已保存用户“${u.displayName}”`); onClose(); } },
      );
    } else {
      create.mutate(
        { username: v.username.trim(), displayName: v.displayName.trim(), phone: phone ?? null, password: v.password, grants },
        { onSuccess: (u) => { showSuccess(`已创建用户“${u.displayName}”，请将初始密码告知本人`); onClose(); } },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `编辑用户 · ${user.displayName}` : '新建用户'}
      width={720}
      okText={editing ? '保存' : '创建'}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      afterClose={() => {
        create.reset();
        update.reset();
      }}
      forceRender
    >
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label="用户名"
              extra={editing ? '用户名创建后不可修改' : '3–32 位字母、数字或 _ . -，用于登录'}
              rules={editing ? [] : [
                { required: true, message: '请填写用户名' },
                { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为 3–32 位字母、数字或 _ . -' },
              ]}
            >
              <Input disabled={editing} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 40 }]}>
              <Input placeholder="如：卧龙区封停办 李明" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="phone"
              label="电话"
              extra={editing && user.phone ? `当前 ${user.phone}，留空则不修改` : undefined}
              rules={[{ pattern: /^[0-9-]{7,20}$/, message: '电话号码格式不正确' }]}
            >
              <Input placeholder={editing ? '输入新号码' : '手机或座机'} autoComplete="off" />
            </Form.Item>
          </Col>
          {!editing && (
            <Col span={12}>
              <GeneratedPasswordField form={form} label="初始密码" requiredMessage="请设置初始密码" extra={`${PASSWORD_RULE_TEXT}；首次登录须修改`} />
            </Col>
          )}
        </Row>

        <Typography.Title level={5} style={{ marginTop: 4 }}>
          角色与单位
        </Typography.Title>
        {self ? (
          <Alert type="info" showIcon title="不能修改自己的授权，请联系上级管理员。" />
        ) : (
          <Form.List
            name="grants"
            rules={[{ validator: async (_, grants: GrantField[] | undefined) => {
              if (!grants || grants.length === 0) throw new Error('至少授予一个角色');
            } }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <GrantRow
                    key={field.key}
                    name={field.name}
                    roles={roles}
                    units={units}
                    canRemove={fields.length > 1}
                    onRemove={() => remove(field.name)}
                  />
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  增加授权
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

function GrantRow({
  name,
  roles,
  units,
  canRemove,
  onRemove,
}: {
  name: number;
  roles: Role[];
  units: OrgUnit[] | undefined;
  canRemove: boolean;
  onRemove: () => void;
}) {
  const form = Form.useFormInstance<Values>();
  const role = Form.useWatch(['grants', name, 'role'], form) as Role | undefined;
  const options = useOrgTreeOptions(units, role ? ROLE_LEVELS[role] : null);
  return (
    <Row gutter={8} align="top">
      <Col span={8}>
        <Form.Item name={[name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            placeholder="角色"
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onChange={() => form.setFieldValue(['grants', name, 'orgUnitId'], undefined)}
          />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item name={[name, 'orgUnitId']} rules={[{ required: true, message: '请选择单位' }]}>
          <TreeSelect
            placeholder={role ? '选择单位（可输入名称搜索）' : '请先选择角色'}
            disabled={!role}
            treeData={options}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={options.map((o) => o.value)}
            listHeight={320}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { minWidth: 320 } } }}
          />
        </Form.Item>
      </Col>
      <Col span={2}>
        {canRemove && (
          <Button type="text" danger icon={<MinusCircleOutlined />} onClick={onRemove} aria-label="删除此授权" style={{ marginTop: 1 }} />
        )}
      </Col>
    </Row>
  );
}
