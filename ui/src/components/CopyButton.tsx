import { useEffect, useState } from 'react';
import { Icon } from './Icon';

/** Puts text on the clipboard; works over plain http too, where navigator.clipboard is missing. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export function CopyButton({ value, label, text }: { value: string; label: string; text?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = window.setTimeout(() => setCopied(false), 1500);
    return () => window.clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      className={text ? 'btn btn-ghost btn-xs copy' : 'icon-btn copy'}
      aria-label={copied ? 'Copied' : `Copy ${label}`}
      title={copied ? 'Copied' : `Copy ${label}`}
      data-copied={copied || undefined}
      onClick={(e) => {
        e.stopPropagation();
        e.preventDefault();
        copyText(value).then(() => setCopied(true), () => setCopied(false));
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} size={14} />
      {text && <span>{copied ? 'Copied' : text}</span>}
    </button>
  );
}

/** An id in monospace with its copy button beside it. */
export function CopyableId({ value, label = 'id', display }: { value: string; label?: string; display?: string }) {
  return (
    <span className="copyable mono">
      <span className="copyable-text" title={value}>
        {display ?? value}
      </span>
      <CopyButton value={value} label={label} />
    </span>
  );
}
