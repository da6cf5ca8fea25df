// The admin's closed list of councils (the adoption form, the names screen's filter): every council,
// found by typing any of its names, the one chosen marked once, on its first option.
import { councilChoices } from '../councils/municipalities.js';
import { selectField } from '../pages/components.js';

export const councilSelect = (field: {
  id: string;
  label: string;
  placeholder: string;
  code: string;
  error?: string;
}) => {
  const chosen = councilChoices.find((c) => c.code === field.code);
  return selectField({
    id: field.id,
    name: field.id,
    label: field.label,
    placeholder: field.placeholder,
    error: field.error,
    choices: councilChoices.map((c) => ({ value: c.code, label: c.label, selected: c === chosen })),
  });
};
