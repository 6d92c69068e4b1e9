import { useState } from 'react';
/**
 * A text typed by the inspector: shown from its own state (the stored copy arrives a moment
 * later, and a controlled field would jump back meanwhile), every change handed on at once.
 */
export function TextArea({ value, onValue, testId, placeholder, rows = 3 }: { value: string; onValue: (value: string) => void; testId: string; placeholder: string; rows?: number }) {
  const [text, setText] = useState(value);
  return (
    <textarea
      rows={rows}
      value={text}
      data-testid={testId}
      placeholder={placeholder}
      onChange={(event) => {
        setText(event.target.value);
        onValue(event.target.value);
      }}
    />
  );
}
