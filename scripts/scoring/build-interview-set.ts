/**
 * Rebuilds the generated rows of bench/scoring/interview-answers.json from its written rows.
 *
 * Written rows (origin "written") were written and graded by hand against each question's rubric. Five adversarial
 * kinds are mechanical, so they are generated here, deterministically, from the bank question and the written rows:
 * - salad: the question's and the rubric's content words, shuffled, with no sentence around them (grade 0);
 * - concepts: the rubric's key concepts as a bare list (grade 1: the names, nothing explained);
 * - other-question: the strong answer to a different question of the set (grade 0);
 * - off-topic: a fluent answer about something else entirely (grade 0);
 * - padding: filler sentences around the question restated, with no content (grade 0).
 *
 *   npx tsx scripts/scoring/build-interview-set.ts            # rewrite the generated rows
 *   npx tsx scripts/scoring/build-interview-set.ts FILE.txt   # import written rows from "## id" / "kind grade: text" lines first
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { questionBank } from '../../src/domain/bank';
import { mulberry32 } from '../../src/domain/planning/prng';
import { analyze } from '../../src/domain/scoring/text';
import { INTERVIEW_SET_PATH, type InterviewAnswer, type InterviewSet } from './interview-set';

const OFF_TOPIC = [
  'In my last job I mostly worked on the billing team, and what I liked most was the people. We had a weekly demo where everyone showed what they built, and I learned a lot from the senior engineers there. I am looking for a team with a similar culture of mentoring and sharing.',
  'I think the most important thing in any project is communication. If the product manager, the designers and the developers talk every day, most problems are solved early, so I always try to keep the stakeholders informed and write clear tickets.',
  'Honestly my favourite language is Python because it is readable and has a huge ecosystem. I used it for scripts, for small web apps with Flask and for data analysis with pandas, and I enjoy how quickly you can try an idea.',
  'Outside of work I contribute to an open source game engine, mostly the documentation and the examples. It taught me to write for people who do not know the code, and to review pull requests kindly.',
  'When I plan my week I start with the riskiest task, because finishing it early leaves time for surprises. I keep a short list of priorities and check it with my manager every Monday.',
];

const FILLER = [
  'That is a really good question and it comes up a lot in practice.',
  'I would say it depends a lot on the situation and on the team.',
  'There are many different aspects to consider here, and every company does it a bit differently.',
  'In my experience it is something that every good engineer should understand well.',
  'It is very important for quality, for performance and for the users in general.',
  'So basically, to summarise, it is a key topic and you have to think about it carefully.',
  'I have seen this many times in real projects and it always matters.',
  'Of course there are trade-offs, like with everything in software engineering.',
];

function importWritten(file: string): InterviewAnswer[] {
  const out: InterviewAnswer[] = [];
  let questionId = '';
  const count = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const head = /^## (\S+)/.exec(line);
    if (head) {
      questionId = head[1]!;
      continue;
    }
    const m = /^(\w+) (\d): (.+)$/.exec(line.trim());
    if (!m) continue;
    const kind = m[1]! as InterviewAnswer['kind'];
    const n = (count.get(`${questionId}|${kind}`) ?? 0) + 1;
    count.set(`${questionId}|${kind}`, n);
    out.push({ id: `${questionId}:${kind}-${n}`, questionId, kind, grade: Number(m[2]), origin: 'written', answer: m[3]! });
  }
  return out;
}

const previous: InterviewSet = (() => {
  try {
    return JSON.parse(readFileSync(INTERVIEW_SET_PATH, 'utf8')) as InterviewSet;
  } catch {
    return { note: '', testQuestions: [], answers: [] };
  }
})();
const importFile = process.argv[2];
const written = importFile ? importWritten(importFile) : previous.answers.filter((a) => a.origin === 'written');
const questionIds = [...new Set(written.map((a) => a.questionId))];
const bank = new Map(questionBank().map((q) => [q.id, q]));
const generated: InterviewAnswer[] = [];
questionIds.forEach((qid, qi) => {
  const q = bank.get(qid);
  if (!q || q.kind !== 'spoken') throw new Error(`${qid} is not a spoken question of the bank`);
  const rng = mulberry32(qi + 1);
  const shuffle = <T>(xs: T[]) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const words = [...new Set(analyze(`${q.prompt} ${q.keyConcepts.join(' ')}`).tokens.filter((t) => t.content).map((t) => t.lower))];
  generated.push({ id: `${qid}:salad-1`, questionId: qid, kind: 'salad', grade: 0, origin: 'generated', answer: shuffle(words).join(' ') });
  generated.push({ id: `${qid}:concepts-1`, questionId: qid, kind: 'concepts', grade: 1, origin: 'generated', answer: `${q.keyConcepts.slice(0, -1).join(', ')} and ${q.keyConcepts.at(-1)}.` });
  const other = questionIds[(qi + 11) % questionIds.length]!;
  const otherStrong = written.find((a) => a.questionId === other && a.kind === 'strong');
  if (otherStrong) generated.push({ id: `${qid}:other-question-1`, questionId: qid, kind: 'other-question', grade: 0, origin: 'generated', answer: otherStrong.answer });
  generated.push({ id: `${qid}:off-topic-1`, questionId: qid, kind: 'off-topic', grade: 0, origin: 'generated', answer: OFF_TOPIC[qi % OFF_TOPIC.length]! });
  const fill = shuffle(FILLER);
  const restated = q.prompt.replace(/[?.]\s*$/, '').replace(/^(\w)/, (c) => c.toLowerCase());
  generated.push({ id: `${qid}:padding-1`, questionId: qid, kind: 'padding', grade: 0, origin: 'generated', answer: `${fill[0]} So, ${restated}. ${fill.slice(1, 5).join(' ')}` });
});

// Whole questions are held out: every third question of the set is the test split.
const testQuestions = questionIds.filter((_, i) => i % 3 === 2);
const set: InterviewSet = { note: previous.note, testQuestions, answers: [...written, ...generated].sort((a, b) => a.questionId.localeCompare(b.questionId) || a.id.localeCompare(b.id)) };
writeFileSync(INTERVIEW_SET_PATH, `${JSON.stringify(set, null, 1)}\n`);
console.log(`${set.answers.length} answers (${written.length} written, ${generated.length} generated) to ${questionIds.length} questions; test split: ${testQuestions.length} questions`);
