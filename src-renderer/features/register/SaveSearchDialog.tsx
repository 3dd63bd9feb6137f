/** Names the search on screen to keep it in "Tìm đã lưu". */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useStrings } from '../../i18n';

export function SaveSearchDialog({ onSave, onClose }: { onSave: (name: string) => void; onClose: () => void }) {
  const t = useStrings();
  const [name, setName] = useState('');
  return (
    <Dialog
      title={t.saved.dialogTitle}
      confirmLabel={t.saved.save}
      confirmDisabled={name.trim() === ''}
      onConfirm={() => onSave(name.trim())}
      onClose={onClose}
    >
      <p className="muted">{t.saved.explain}</p>
      <TextField
        id="saved-name"
        label={t.saved.name}
        value={name}
        onChange={setName}
        maxLength={60}
        required
        autoFocus
      />
    </Dialog>
  );
}
