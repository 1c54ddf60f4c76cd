/**
 * The host's start page says whether this device can plan offline: the question bank (with its answer keys,
 * so not part of the app) is brought up to date with the host link on every online visit and kept here.
 */
import { useEffect, useState } from 'react';
import { refreshQuestionBank, type BankOnDevice } from '../../api/bank-client';

export function QuestionBankStatus({ token }: { token: string }) {
  const [state, setState] = useState<{ bank: BankOnDevice | null; error: string | null }>({ bank: null, error: null });
  useEffect(() => {
    let live = true;
    refreshQuestionBank(token).then(
      (bank) => live && setState({ bank, error: null }),
      (err: unknown) => live && setState({ bank: null, error: (err as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (state.error) {
    return (
      <p className="notice" data-testid="bank-status" data-state="missing">
        {state.error}
      </p>
    );
  }
  return (
    <p className="muted" role="status" data-testid="bank-status" data-state={state.bank ? 'ready' : 'loading'}>
      {state.bank
        ? `Offline planning ready: ${state.bank.size.toLocaleString('en')} bank questions on this device.`
        : 'Bringing the question bank on this device up to date…'}
    </p>
  );
}
