/**
 * What a clause says of its subject (clauses.ts, model v17): cause and effect said the other way round, a statement
 * given to another actor of the reference, and a statement said with the other polarity are swaps; the same words in
 * the reference's order, or regrouped around a judgement of the answer's own, are not. The own development answers
 * (bench/scoring) give the references; the test split is not read.
 */
import { describe, expect, it } from 'vitest';
import { createSpokenScorer } from '../../src/domain/scoring';
import { causeLinks, flippedStatements, reversedCauses, tradedRoles } from '../../src/domain/scoring/clauses';
import { analyze } from '../../src/domain/scoring/text';
import { loadInterviewSet } from '../../scripts/scoring/interview-set';

const set = loadInterviewSet();
const developmentQuestion = (id: string) => {
  expect(set.development.some((a) => a.questionId === id), `${id} is a development question`).toBe(true);
  return set.questions.get(id)!;
};
const reference = (id: string) => analyze(developmentQuestion(id).referenceAnswer);
const answerOf = (id: string) => set.development.find((a) => a.id === id)!.answer;
const scorer = createSpokenScorer();
const score = (questionId: string, transcript: string) => scorer.score({ question: developmentQuestion(questionId), transcript, durationSec: 0 }).accuracy;

describe('cause and effect', () => {
  it('reads "because", "so", ", causing" and causal verbs as cause and effect', () => {
    const [because] = causeLinks(analyze('Clients retry because networks time out.'));
    expect([...because!.cause]).toEqual(['network', 'time', 'out']);
    expect([...because!.effect]).toEqual(['client', 'retri']);
    const [so] = causeLinks(analyze('Networks time out, so clients retry.'));
    expect([...so!.cause]).toEqual(['network', 'time', 'out']);
    const [verb] = causeLinks(analyze('Restart loops make the liveness timeouts too short.'));
    expect([...verb!.cause]).toEqual(['restart', 'loop']);
    expect([...verb!.effect]).toEqual(['live', 'timeout', 'short']);
    // "so that" gives a purpose, "so fast" a degree: no cause.
    expect(causeLinks(analyze('The server stores the result so that a retry gets it back.'))).toEqual([]);
  });

  it('finds the cause swaps: "because" for "so", a "because" clause traded, and a causal verb against an agent', () => {
    expect(reversedCauses(reference('be-std-spk-12'), analyze('Networks time out because clients retry.'))).toHaveLength(1);
    expect(reversedCauses(reference('be-std-spk-01'), analyze('Every insert, update and delete must maintain the index because writes are slower.'))).toHaveLength(1);
    // The reference's "a database blip restarts every pod": the blip causes the restarts.
    const swapped = reversedCauses(reference('sre-std-spk-05'), analyze('Restarting every pod causes a database blip.'));
    expect(swapped.map((r) => r.said)).toEqual([['Restarting every pod', 'a database blip']]);
  });

  it('does not flag right answers in the same words, nor a judgement with its reason', () => {
    expect(reversedCauses(reference('be-std-spk-12'), analyze('Clients retry because networks time out, and the server stores the result so that a retry with the same key gets it back.'))).toEqual([]);
    expect(reversedCauses(reference('be-std-spk-01'), analyze('Writes are slower because every insert, update and delete must maintain the index.'))).toEqual([]);
    // "is a mistake because ...": the reason for a judgement, which is no side of any reference statement.
    expect(reversedCauses(reference('sre-std-spk-05'), analyze('A liveness probe that checks the database is a mistake because a database blip restarts every pod, and liveness timeouts that are too short cause restart loops.'))).toEqual([]);
  });
});

describe('roles and polarity', () => {
  it('finds a statement given to another actor of the reference, and not the same statement by its own actor', () => {
    const ref = reference('fs-std-spk-03');
    const swapped = tradedRoles(ref, analyze('In a session login the browser checks the password against a stored salted hash and creates the session record.'));
    expect(swapped.map((r) => [r.saidBy, r.referenceSaysBy, r.verb])).toEqual([
      ['browser', 'server', 'check'],
      ['browser', 'server', 'create'],
    ]);
    expect(tradedRoles(ref, analyze('In a session login the server checks the password against a stored salted hash and creates the session record, and the browser sends the session id in a cookie on each request.'))).toEqual([]);
  });

  it('finds a statement of the reference said with the other polarity, and not one that denies something else', () => {
    const ref = reference('be-std-spk-02');
    expect(flippedStatements(ref, analyze("Isolation means concurrent transactions see each other's intermediate state."))).toHaveLength(1);
    expect(flippedStatements(ref, analyze("Isolation means concurrent transactions do not see each other's intermediate state."))).toEqual([]);
    // Same subject and verb ("declared using an array of characters"), but the negation denies only "extend".
    const strings = analyze('The strings declared using an array of characters have a null element added at the end of the array.');
    expect(flippedStatements(strings, analyze('Strings declared using an array of characters can not extend past the array length.'))).toEqual([]);
  });
});

describe('the clause swaps as ceilings and signs', () => {
  it('holds the development swaps of cause and role at 1 and says why', () => {
    const cases: [string, RegExp][] = [
      ['be-std-spk-12:swapped-3', /Swapped cause and effect: the answer gives "clients retry" as the cause of "Networks time out"/],
      ['be-std-spk-01:swapped-3', /Swapped cause and effect/],
      ['sre-std-spk-05:swapped-2', /Swapped cause and effect: the answer gives "restarting every pod" as the cause of "a database blip"/i],
      ['fs-std-spk-03:swapped-2', /Swapped roles: the answer says "[^"]*browser checks the password[^"]*", where the reference has "server" check it, not "browser"/],
    ];
    for (const [id, reason] of cases) {
      const s = score(id.split(':')[0]!, answerOf(id));
      expect(s.score, id).toBeLessThanOrEqual(1);
      expect(s.explanation, id).toMatch(reason);
    }
  });

  it('caps none of the right answers written in the same words', () => {
    for (const id of ['be-std-spk-12:partial-3', 'be-std-spk-01:partial-3', 'sre-std-spk-05:partial-3', 'fs-std-spk-03:strong-3', 'be-std-spk-02:strong-3', 'de-std-spk-05:partial-3']) {
      const s = score(id.split(':')[0]!, answerOf(id));
      expect(s.ceilings.filter((c) => c.rule === 'swapped'), id).toEqual([]);
      expect(s.score, id).toBeGreaterThanOrEqual(2);
    }
  });

  it('one statement given to another actor is a sign only: a right answer that says "in ELT it is loaded" is not capped', () => {
    const ref = reference('de-std-spk-05');
    expect(tradedRoles(ref, analyze(answerOf('de-std-spk-05:partial-3')))).toHaveLength(1);
    expect(score('de-std-spk-05', answerOf('de-std-spk-05:partial-3')).ceilings).toEqual([]);
  });
});

describe('a statement said with the other polarity is a sign, not a ceiling on its own', () => {
  it('does not cap the ACID answer that affirms one denial of the reference (the negated rule needs two denied concepts too)', () => {
    const acid = score('be-std-spk-02', answerOf('be-std-spk-02:swapped-2'));
    expect(flippedStatements(reference('be-std-spk-02'), analyze(answerOf('be-std-spk-02:swapped-2')))).toHaveLength(1);
    expect(acid.ceilings.filter((c) => c.rule === 'swapped')).toEqual([]);
  });

  it('caps with a second sign of another family: a statement given to another actor', () => {
    // "the browser checks the password" (another actor) and "the server does not look up the session" (the other polarity).
    const both = score('fs-std-spk-03', 'Authentication establishes who the user is and authorization decides what they may do. The browser checks the password against a stored salted hash. On each request the server does not look up the session to identify the user.');
    expect(both.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1)).toBe(true);
    expect(both.explanation).toMatch(/two signs of it/);
    const roleOnly = score('fs-std-spk-03', 'Authentication establishes who the user is and authorization decides what they may do. The browser checks the password against a stored salted hash. On each request the server looks up the session to identify the user.');
    expect(roleOnly.ceilings.filter((c) => c.rule === 'swapped')).toEqual([]);
  });
});
