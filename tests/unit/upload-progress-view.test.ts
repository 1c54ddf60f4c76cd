/** The guest's upload status view, rendered by React: an accessible progress bar, and a clear failure with the audio kept. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UploadStatusView } from '../../src/app/components/upload/UploadProgress';
import type { UploadStatus } from '../../src/upload/protocol';

const base: UploadStatus = { recordingId: 'r1', interviewId: 'iv-1', questionId: 'q1', state: 'uploading', sentBytes: 262_144, totalBytes: 1_048_576, detail: null, at: 1 };
const render = (status: UploadStatus, onRetry?: () => void) => renderToStaticMarkup(createElement(UploadStatusView, { status, onRetry }));

describe('UploadStatusView', () => {
  it('shows a progress bar labelled by its text with the percentage sent', () => {
    const html = render(base);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toContain('aria-valuemin="0"');
    expect(html).toContain('aria-valuemax="100"');
    expect(html).toContain('Uploading answer: 25%');
    const labelId = /id="([^"]+)" class="upload-label"/.exec(html)![1]!;
    expect(html).toContain(`aria-labelledby="${labelId}"`);
  });

  it('says uploaded at 100%, and shows the reason, that the recording is kept, and a retry button on failure', () => {
    expect(render({ ...base, state: 'uploaded', sentBytes: base.totalBytes })).toContain('aria-valuenow="100"');
    const failed = render({ ...base, state: 'failed', detail: 'The server cannot be reached.' }, () => {});
    expect(failed).toContain('Upload failed: The server cannot be reached.');
    expect(failed).toContain('saved on this device');
    expect(failed).toContain('Retry upload');
    expect(failed).not.toContain('role="progressbar"');
  });

  it('shows why an upload waits', () => {
    expect(render({ ...base, state: 'waiting', detail: 'The connection dropped; trying again.' })).toContain('The connection dropped; trying again.');
  });
});
