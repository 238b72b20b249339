import { Alert, Button, Form, Modal, Select, Space, Tag, Typography } from 'antd';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { Vocabulary } from '../../inspections/api/inspections-api';
import { useSaveVocabulary, useVocabulary } from '../../inspections/hooks/use-inspections';

type Values = { extraCategories: string[]; extraMethods: string[] };

/** 问题类别和检查方法: the city office adds its own words to the built-in lists. */
export function VocabularyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data } = useVocabulary();
  return open && data ? <VocabularyDialog vocabulary={data} onClose={onClose} /> : null;
}

function VocabularyDialog({ vocabulary, onClose }: { vocabulary: Vocabulary; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useSaveVocabulary();
  const builtInCategories = vocabulary.categories.filter((c) => c.builtIn);
  const builtInMethods = vocabulary.methods.filter((m) => m.builtIn);

  const submit = (v: Values) =>
    save.mutate(
      { extraCategories: v.extraCategories.map((c) => c.trim()).filter(Boolean), extraMethods: v.extraMethods.map((m) => m.trim()).filter(Boolean) },
      {
        onSuccess: () => {
          showSuccess('问题类别和检查方法已保存');
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title="问题类别和检查方法"
      width={640}
      onCancel={save.isPending ? undefined : onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={save.isPending}>
            取消
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="vocabulary-save">
            保存
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">内置的类别和方法不能删除；在此增加本市自己的用语，登记问题和督导记录时即可选用。已经用过的词删除后，原记录不受影响。</Typography.Paragraph>
      {save.isError && <Alert type="error" showIcon title={errorMessageOf(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={save.isPending}
        initialValues={{
          extraCategories: vocabulary.categories.filter((c) => !c.builtIn).map((c) => c.code),
          extraMethods: vocabulary.methods.filter((m) => !m.builtIn).map((m) => m.label),
        }}
      >
        <Form.Item label="内置问题类别">
          <Space size={[4, 4]} wrap>
            {builtInCategories.map((c) => (
              <Tag key={c.code}>{c.label}</Tag>
            ))}
          </Space>
        </Form.Item>
        <Form.Item name="extraCategories" label="增加的问题类别" extra="输入后按回车添加，每个不超过 20 个字">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} placeholder="如：台账不一致" data-testid="vocabulary-categories" />
        </Form.Item>
        <Form.Item label="内置检查方法">
          <Space size={[4, 4]} wrap>
            {builtInMethods.map((m) => (
              <Tag key={m.label}>{m.label}</Tag>
            ))}
          </Space>
        </Form.Item>
        <Form.Item name="extraMethods" label="增加的检查方法" extra="输入后按回车添加，每个不超过 20 个字">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} placeholder="如：查看水表读数" data-testid="vocabulary-methods" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
