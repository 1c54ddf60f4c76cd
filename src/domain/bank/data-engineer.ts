import type { BankItem } from './bank-item';
import { scopedFor } from './scoped';

const scoped = scopedFor('data-engineer');

// Topics: sql, data-modeling, pipelines, storage-formats, distributed-processing, streaming, data-quality.

const STANDARD = scoped('standard', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'de-std-spk-01', topic: 'sql', difficulty: 1,
    prompt: 'What is the difference between WHERE and HAVING in SQL, and when would you use each?',
    referenceAnswer: 'WHERE filters individual rows before grouping and aggregation happen, so it cannot use aggregates. HAVING filters groups after GROUP BY, with conditions on aggregate functions such as HAVING COUNT(*) > 10. Filters on plain columns belong in WHERE because removing rows early means less data to group.',
    keyConcepts: ['before grouping', 'after aggregation', 'group by', 'aggregate functions'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-02', topic: 'sql', difficulty: 2,
    prompt: 'Explain inner, left and full outer joins. Why can a left join return more rows than the left table has?',
    referenceAnswer: 'An inner join keeps only rows that match on both sides. A left join keeps every row of the left table and fills the right side with NULLs where there is no match. A full outer join keeps unmatched rows from both sides. A left join returns more rows than the left table when the relationship is one-to-many: each left row is repeated once per matching right row, so you get duplicate rows, a common cause of double-counted metrics.',
    keyConcepts: ['inner join', 'left join', 'null', 'one to many', 'duplicate rows'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-03', topic: 'data-modeling', difficulty: 2,
    prompt: 'What is a star schema? Describe fact tables and dimension tables.',
    referenceAnswer: 'A star schema puts a central fact table, holding measurable events such as sales with numeric measures and foreign keys, in the middle of several dimension tables that describe the context: customer, product, date, store. The fact table has a declared grain, one row per order line for example. Dimensions are wide and denormalized so analysts can filter and group with simple joins.',
    keyConcepts: ['fact table', 'dimension table', 'foreign keys', 'grain', 'measures'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-04', topic: 'data-modeling', difficulty: 2,
    prompt: 'Compare normalization and denormalization. When would you denormalize in an analytics warehouse?',
    referenceAnswer: 'Normalization splits data into many tables so each fact is stored once, which avoids redundancy and update anomalies and suits transactional systems. Denormalization duplicates attributes into wider tables to avoid joins and speed up reads. In a warehouse that is mostly read and loaded in batches, denormalized dimensions or wide tables are common because read performance and simplicity matter more than the cost of redundant storage.',
    keyConcepts: ['redundancy', 'update anomalies', 'joins', 'read performance'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-05', topic: 'pipelines', difficulty: 1,
    prompt: 'What is the difference between ETL and ELT, and why has ELT become common?',
    referenceAnswer: 'In ETL, data is extracted, transformed on a separate processing engine and then loaded into the target. In ELT, raw data is loaded into the warehouse first and transformed there with SQL. ELT became common because cloud warehouses have cheap, elastic compute, keeping the raw data allows transformations to be rerun and changed later, and tools like dbt make in-warehouse transformation manageable.',
    keyConcepts: ['extract', 'transform', 'load', 'raw data', 'warehouse compute'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-06', topic: 'pipelines', difficulty: 2,
    prompt: 'What does it mean for a data pipeline to be idempotent, and how do you make a daily load idempotent?',
    referenceAnswer: 'An idempotent pipeline produces the same result no matter how many times it runs for the same input period, so retries and reruns do not create duplicates. For a daily load you overwrite the target partition for that day, or MERGE on a natural key instead of blindly appending, and you parameterize the job by the logical date rather than the current clock time.',
    keyConcepts: ['same result', 'rerun', 'retries', 'overwrite the partition', 'no duplicates'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-07', topic: 'storage-formats', difficulty: 2,
    prompt: 'Compare row-oriented formats like CSV or Avro with columnar formats like Parquet. When is each a better fit?',
    referenceAnswer: 'Row formats store all fields of a record together, which suits writing and reading whole records, such as event streams or messages; Avro also carries a schema. Columnar formats store each column together, so analytical queries read only the columns they need, similar values compress very well, and per-column statistics allow skipping data. Use Parquet for analytics tables and row formats for record-at-a-time exchange.',
    keyConcepts: ['columnar', 'only the needed columns', 'compression', 'analytical queries', 'schema'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-08', topic: 'data-quality', difficulty: 2,
    prompt: 'A daily pipeline loads orders into the warehouse. Which data quality checks would you add, and what happens when one fails?',
    referenceAnswer: 'I would check row counts against expected volume, null checks on required columns, uniqueness of the primary key, valid ranges and accepted values, referential integrity to dimensions, and freshness of the latest record. Critical checks should stop the pipeline before bad data is published and alert the owner; softer checks can warn. Results should be recorded so trends are visible.',
    keyConcepts: ['row counts', 'null checks', 'uniqueness', 'freshness', 'alert'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-09', topic: 'streaming', difficulty: 2,
    prompt: 'When would you choose batch processing and when streaming processing?',
    referenceAnswer: 'Batch suits workloads where results are needed hourly or daily: it is simpler, cheaper and easy to rerun. Streaming suits low latency needs such as fraud detection, alerting or live dashboards, where data must be processed within seconds. Streaming adds complexity: state, out-of-order events, and operating always-on jobs, so I pick it only when the latency requirement justifies the cost.',
    keyConcepts: ['latency', 'batch', 'streaming', 'complexity', 'cost'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-10', topic: 'distributed-processing', difficulty: 2,
    prompt: 'How does partitioning a table speed up queries, and how do you choose a partition column?',
    referenceAnswer: 'Partitioning stores rows in separate directories or segments by a column value, usually a date. A query that filters on that column only scans the matching partitions, which is called partition pruning, so it scans much less data. Choose a column that most queries filter on and that has moderate cardinality; partitioning on a high-cardinality column creates many small files and slows everything down.',
    keyConcepts: ['partition pruning', 'filter', 'date', 'scan less data', 'small files'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-11', topic: 'pipelines', difficulty: 1,
    prompt: 'What does a workflow orchestrator such as Airflow do for a data team?',
    referenceAnswer: 'An orchestrator defines pipelines as a DAG of tasks with dependencies, schedules them, runs tasks when their upstream tasks succeed, retries failures, and keeps a history of runs. It makes backfills possible by running the DAG for past dates, and it gives visibility and alerting when something fails. It coordinates work; the heavy processing usually runs elsewhere.',
    keyConcepts: ['DAG', 'dependencies', 'schedule', 'retries', 'backfill'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-12', topic: 'sql', difficulty: 2,
    prompt: 'How do window functions differ from GROUP BY? Give an example of deduplicating rows with one.',
    referenceAnswer: 'GROUP BY collapses rows into one row per group, while a window function computes a value over a set of related rows but keeps every row. To deduplicate, compute ROW_NUMBER() OVER (PARTITION BY the key ORDER BY updated_at DESC) and keep rows where the row number equals 1, which keeps the latest version of each key.',
    keyConcepts: ['window function', 'partition by', 'row number', 'keeps every row'],
  },
  {
    kind: 'spoken', id: 'de-std-spk-13', topic: 'data-modeling', difficulty: 3,
    prompt: 'What is a slowly changing dimension? Compare type 1 and type 2.',
    referenceAnswer: 'A slowly changing dimension holds attributes that change occasionally, like a customer address. Type 1 overwrites the old value, so history is lost and past facts report with the new value. Type 2 keeps history: it closes the old row with a valid-to date or current flag and inserts a new row with a new surrogate key, so facts join to the version that was true at the time.',
    keyConcepts: ['overwrite', 'history', 'valid from', 'surrogate key', 'current flag'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'de-std-mcq-01', topic: 'sql', difficulty: 1,
    prompt: 'A column `discount` contains NULL in some rows. How do COUNT(*) and COUNT(discount) differ?',
    options: ['They always return the same number', 'COUNT(discount) ignores rows where discount is NULL', 'COUNT(*) ignores rows that contain any NULL column', 'COUNT(discount) counts only distinct values'],
    correctIndex: 1,
    explanation: 'COUNT(*) counts rows; COUNT(expr) counts rows where expr is not NULL. Distinct counting needs COUNT(DISTINCT expr).',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-02', topic: 'sql', difficulty: 2,
    prompt: 'Table A has 100 rows. Each row of A matches between 0 and 3 rows of B. How many rows does A LEFT JOIN B return?',
    options: ['Exactly 100', 'At most 100', 'The number of rows in B', 'At least 100, possibly more'],
    correctIndex: 3,
    explanation: 'Unmatched A rows appear once with NULLs, matched rows appear once per match, so the result has at least 100 rows and up to 300.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-03', topic: 'sql', difficulty: 1,
    prompt: 'What does `SELECT * FROM t WHERE col = NULL` return in standard SQL?',
    options: ['No rows, because a comparison with NULL is unknown, not true', 'Rows where col is NULL', 'All rows', 'Rows where col is not NULL'],
    correctIndex: 0,
    explanation: 'Any comparison with NULL yields UNKNOWN, which WHERE treats as not true. Use `col IS NULL`.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-04', topic: 'sql', difficulty: 2,
    prompt: 'Which window function assigns 1, 2, 2, 4 to four rows where the second and third are tied?',
    options: ['ROW_NUMBER()', 'DENSE_RANK()', 'RANK()', 'NTILE(4)'],
    correctIndex: 2,
    explanation: 'RANK leaves gaps after ties (1, 2, 2, 4); DENSE_RANK gives 1, 2, 2, 3; ROW_NUMBER never ties.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-05', topic: 'sql', difficulty: 1,
    prompt: 'What is the difference between UNION and UNION ALL?',
    options: ['UNION ALL removes duplicate rows', 'They are identical', 'UNION ALL requires both queries to have the same column names', 'UNION removes duplicate rows; UNION ALL keeps them and is usually cheaper'],
    correctIndex: 3,
    explanation: 'UNION must deduplicate (a sort or hash step); UNION ALL simply concatenates the results.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-06', topic: 'data-modeling', difficulty: 2,
    prompt: 'What is the "grain" of a fact table?',
    options: ['The level of detail a single row represents, such as one row per order line', 'The number of dimensions joined to it', 'How often the table is refreshed', 'The compression codec of its files'],
    correctIndex: 0,
    explanation: 'Declaring the grain first defines what one row means, which determines which dimensions and measures fit.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-07', topic: 'data-modeling', difficulty: 1,
    prompt: 'In a retail star schema, which of these is a dimension rather than a fact?',
    options: ['The amount of an order line', 'Units sold per order line', 'A customer with name, segment and region', 'Discount applied to an order line'],
    correctIndex: 2,
    explanation: 'Dimensions describe context (who, what, where, when); numeric measures of events belong in the fact table.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-08', topic: 'data-modeling', difficulty: 2,
    prompt: 'How does a type 2 slowly changing dimension record a customer moving to a new city?',
    options: ['It overwrites the city on the existing row', 'It adds a new row with the new city and closes the old row with an end date or current flag', 'It adds a previous_city column to the row', 'It deletes the customer and reinserts them'],
    correctIndex: 1,
    explanation: 'Type 2 preserves full history with one row per version; type 1 overwrites; type 3 keeps a limited previous-value column.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-09', topic: 'data-modeling', difficulty: 2,
    prompt: 'Why do warehouses use surrogate keys for dimensions?',
    options: ['They are required for foreign keys to work', 'They make rows smaller than any natural key', 'They encrypt the business identifier', 'They are stable, meaningless identifiers that survive source key changes and allow several versions of one entity'],
    correctIndex: 3,
    explanation: 'A generated key decouples the warehouse from source systems and is what lets SCD type 2 store several rows for one natural key.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-10', topic: 'storage-formats', difficulty: 2,
    prompt: 'A Parquet table has 100 columns. Why is `SELECT avg(price) FROM sales` much faster than on the same data stored as CSV?',
    options: ['Parquet reads only the price column chunks instead of every full row', 'Parquet files are always stored in memory', 'Parquet precomputes averages', 'CSV cannot be read in parallel'],
    correctIndex: 0,
    explanation: 'Columnar layout means I/O is proportional to the columns used, and numeric columns compress well.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-11', topic: 'storage-formats', difficulty: 2,
    prompt: 'Which format is row-oriented, binary, carries its schema, and is widely used for Kafka messages?',
    options: ['Parquet', 'ORC', 'Avro', 'CSV'],
    correctIndex: 2,
    explanation: 'Avro is a compact row-oriented format with a schema and well-defined schema evolution rules; Parquet and ORC are columnar.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-12', topic: 'storage-formats', difficulty: 2,
    prompt: 'A job writes a table as 200,000 files of 50 KB each. What is the main problem?',
    options: ['Small files cannot be compressed', 'Per-file overhead (listing, opening, metadata, tasks) dominates and reads become slow', 'Object storage rejects files under 1 MB', 'The data will be duplicated'],
    correctIndex: 1,
    explanation: 'The small files problem: engines spend time on metadata and task scheduling rather than reading data. Compact into files of roughly 128 MB to 1 GB.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-13', topic: 'pipelines', difficulty: 2,
    prompt: 'Which approach makes a daily load of orders into a warehouse table idempotent?',
    options: ['INSERT the day\'s rows on every run', 'Run the job only once and never retry it', 'Append rows and deduplicate at the end of the month', 'Overwrite that day\'s partition, or MERGE on the order key'],
    correctIndex: 3,
    explanation: 'Replacing the partition or upserting by key gives the same final state however many times the run repeats.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-14', topic: 'pipelines', difficulty: 1,
    prompt: 'What is a backfill?',
    options: ['Filling NULLs with default values', 'Running a pipeline for past periods, for example after fixing a bug or adding a new table', 'Copying a table to a backup region', 'Loading data into a staging table'],
    correctIndex: 1,
    explanation: 'Backfills recompute history; they rely on jobs being parameterized by date and idempotent.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-15', topic: 'pipelines', difficulty: 2,
    prompt: 'A pipeline task calls a partner API that sometimes times out. What is the best default handling?',
    options: ['Retry with exponential backoff a bounded number of times, keeping the task idempotent', 'Fail the whole DAG immediately', 'Retry in a tight loop until it succeeds', 'Skip the data silently'],
    correctIndex: 0,
    explanation: 'Transient failures are expected; bounded retries with backoff recover without hammering the partner, and idempotence makes retries safe.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-16', topic: 'data-quality', difficulty: 2,
    prompt: 'An upstream system had an outage. The job succeeded but loaded 0 rows for the day. Which check catches this?',
    options: ['A primary key uniqueness test', 'A NOT NULL test on the amount column', 'A row count or volume check against the expected range', 'A schema check'],
    correctIndex: 2,
    explanation: 'Uniqueness and null tests pass on an empty table; volume checks catch missing data.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-17', topic: 'data-quality', difficulty: 1,
    prompt: 'What does a freshness check measure?',
    options: ['How long the pipeline took to run', 'Time since the most recent record or successful load', 'The percentage of NULL values', 'How many consumers read the table'],
    correctIndex: 1,
    explanation: 'Freshness compares the newest event or load timestamp with now and alerts when data is staler than its SLA.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-18', topic: 'distributed-processing', difficulty: 2,
    prompt: 'In Spark, which operation causes a shuffle?',
    options: ['filter', 'select', 'map', 'groupBy followed by an aggregation'],
    correctIndex: 3,
    explanation: 'Grouping needs all rows with the same key on the same partition, so data moves across the network. filter, select and map are narrow transformations.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-19', topic: 'distributed-processing', difficulty: 2,
    prompt: 'What does lazy evaluation in Spark mean?',
    options: ['Transformations build a plan that only runs when an action such as count or write is called', 'Spark processes one row at a time', 'Tasks start only when the cluster is idle', 'Data is read from disk only once per day'],
    correctIndex: 0,
    explanation: 'Lazy plans let the optimizer combine and reorder steps, push down filters and prune columns before execution.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-20', topic: 'streaming', difficulty: 2,
    prompt: 'What ordering does Kafka guarantee for messages in a topic?',
    options: ['Total order across all partitions', 'No ordering at all', 'Order within a single partition', 'Order only for compacted topics'],
    correctIndex: 2,
    explanation: 'Kafka orders messages within a partition; messages with the same key go to the same partition, so per-key order is kept.',
  },
  {
    kind: 'mcq', id: 'de-std-mcq-21', topic: 'sql', difficulty: 2,
    prompt: 'Which query pattern keeps only the latest row per customer_id?',
    options: ['SELECT DISTINCT customer_id, * FROM t', 'Filter on ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) = 1', 'SELECT customer_id, MAX(updated_at) FROM t (alone, returning all columns)', 'ORDER BY updated_at DESC LIMIT 1'],
    correctIndex: 1,
    explanation: 'ROW_NUMBER per key ordered by recency picks one full row per key; LIMIT 1 keeps a single row overall and DISTINCT * keeps every distinct row.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'de-std-code-1', topic: 'pipelines', difficulty: 2,
    title: 'Keep the latest version of each record',
    statement: 'A source system sends change records `{ id, updatedAt, value }`; the same id can appear many times. Return one record per id: the one with the greatest `updatedAt`. If several records of an id share the greatest `updatedAt`, keep the one that appears last in the input. Return the records sorted by `id` ascending using plain string comparison (so "B" sorts before "a").',
    functionName: 'dedupeLatest',
    signature: 'function dedupeLatest(records: { id: string; updatedAt: number; value: unknown }[]): { id: string; updatedAt: number; value: unknown }[]',
    starterCode: 'type ChangeRecord = { id: string; updatedAt: number; value: unknown };\n\nfunction dedupeLatest(records: ChangeRecord[]): ChangeRecord[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function dedupeLatest(records) {
  const latest = new Map();
  for (const r of records) {
    const cur = latest.get(r.id);
    if (!cur || r.updatedAt >= cur.updatedAt) latest.set(r.id, r);
  }
  return [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}`,
    exampleTests: [
      {
        args: [[{ id: 'b', updatedAt: 1, value: 'x' }, { id: 'a', updatedAt: 5, value: 1 }, { id: 'b', updatedAt: 3, value: 'y' }, { id: 'a', updatedAt: 2, value: 0 }]],
        expected: [{ id: 'a', updatedAt: 5, value: 1 }, { id: 'b', updatedAt: 3, value: 'y' }],
      },
    ],
    hiddenTests: [
      { args: [[]], expected: [], description: 'empty input' },
      { args: [[{ id: 'k', updatedAt: 7, value: 'first' }, { id: 'k', updatedAt: 7, value: 'second' }]], expected: [{ id: 'k', updatedAt: 7, value: 'second' }], description: 'tie keeps the later record' },
      {
        args: [[{ id: 'z', updatedAt: 10, value: 1 }, { id: 'z', updatedAt: 4, value: 2 }, { id: 'y', updatedAt: 0, value: null }]],
        expected: [{ id: 'y', updatedAt: 0, value: null }, { id: 'z', updatedAt: 10, value: 1 }],
        description: 'an older record arriving later does not win',
      },
      {
        args: [[{ id: 'a', updatedAt: 1, value: { n: 1 } }, { id: 'B', updatedAt: 1, value: { n: 2 } }]],
        expected: [{ id: 'B', updatedAt: 1, value: { n: 2 } }, { id: 'a', updatedAt: 1, value: { n: 1 } }],
        description: 'plain string ordering',
      },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'de-std-code-2', topic: 'pipelines', difficulty: 2,
    title: 'Daily totals in UTC',
    statement: 'Events are `{ ts, amount }` where `ts` is an ISO-8601 timestamp that may carry a UTC offset (for example "2024-03-02T01:30:00+02:00") and `amount` is an integer number of cents. Return the total amount per UTC calendar day as `{ date: "YYYY-MM-DD", total }` objects sorted by date ascending. Days without events are omitted.',
    functionName: 'dailyTotals',
    signature: 'function dailyTotals(events: { ts: string; amount: number }[]): { date: string; total: number }[]',
    starterCode: 'function dailyTotals(events: { ts: string; amount: number }[]): { date: string; total: number }[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function dailyTotals(events) {
  const totals = new Map();
  for (const e of events) {
    const date = new Date(e.ts).toISOString().slice(0, 10);
    totals.set(date, (totals.get(date) || 0) + e.amount);
  }
  return [...totals.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([date, total]) => ({ date, total }));
}`,
    exampleTests: [
      {
        args: [[{ ts: '2024-03-01T10:00:00Z', amount: 500 }, { ts: '2024-03-01T23:59:59Z', amount: 250 }, { ts: '2024-03-02T00:00:00Z', amount: 100 }]],
        expected: [{ date: '2024-03-01', total: 750 }, { date: '2024-03-02', total: 100 }],
      },
    ],
    hiddenTests: [
      { args: [[]], expected: [], description: 'no events' },
      {
        args: [[{ ts: '2024-03-02T01:30:00+02:00', amount: 40 }, { ts: '2024-03-01T12:00:00Z', amount: 60 }]],
        expected: [{ date: '2024-03-01', total: 100 }],
        description: 'offset moves the event to the previous UTC day',
      },
      {
        args: [[{ ts: '2024-12-31T22:00:00-05:00', amount: 1000 }, { ts: '2024-12-31T10:00:00Z', amount: -200 }, { ts: '2025-01-01T00:10:00Z', amount: 300 }]],
        expected: [{ date: '2024-12-31', total: -200 }, { date: '2025-01-01', total: 1300 }],
        description: 'negative offset crosses the year; refunds are negative',
      },
      { args: [[{ ts: '2024-02-29T08:00:00Z', amount: 5 }]], expected: [{ date: '2024-02-29', total: 5 }], description: 'leap day' },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'de-std-code-3', topic: 'storage-formats', difficulty: 3,
    title: 'Parse one CSV line',
    statement: 'Parse a single CSV line into its fields. Fields are separated by commas. A field may be enclosed in double quotes; inside quotes a comma is part of the field and a double quote is written as two double quotes (""). Quotes around a field are not part of its value. Whitespace is kept as is. An empty line is one empty field. The line contains no newline characters.',
    functionName: 'parseCsvLine',
    signature: 'function parseCsvLine(line: string): string[]',
    starterCode: 'function parseCsvLine(line: string): string[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') { field += '"'; i++; }
        else inQuotes = false;
      } else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else field += c;
  }
  fields.push(field);
  return fields;
}`,
    exampleTests: [
      { args: ['a,b,c'], expected: ['a', 'b', 'c'] },
      { args: ['"Smith, John",42'], expected: ['Smith, John', '42'] },
    ],
    hiddenTests: [
      { args: [''], expected: [''], description: 'empty line' },
      { args: ['a,,c,'], expected: ['a', '', 'c', ''], description: 'empty fields, trailing comma' },
      { args: ['"He said ""hi""",x'], expected: ['He said "hi"', 'x'], description: 'escaped quotes' },
      { args: ['"",x'], expected: ['', 'x'], description: 'quoted empty field' },
      { args: [' spaced ,"a,b"'], expected: [' spaced ', 'a,b'], description: 'whitespace kept; comma inside quotes' },
    ],
    timeLimitSec: 900,
  },
]);

const ADVANCED = scoped('advanced', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'de-adv-spk-01', topic: 'streaming', difficulty: 3,
    prompt: 'Explain event time versus processing time in stream processing, and what a watermark is for.',
    referenceAnswer: 'Event time is when the event happened on the device; processing time is when the pipeline sees it. Events arrive late and out of order, so windows should be computed on event time. A watermark is the system\'s estimate that no more events older than a given time will arrive; when the watermark passes the end of a window, the window can be emitted and its state dropped. Events arriving after that are late data and are dropped, sent to a side output, or trigger an update depending on allowed lateness.',
    keyConcepts: ['event time', 'processing time', 'watermark', 'late data', 'out of order'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-02', topic: 'streaming', difficulty: 3,
    prompt: 'Compare at-least-once and exactly-once delivery. How do you get effectively-once results in practice?',
    referenceAnswer: 'At-least-once means nothing is lost but retries and replays can deliver a record more than once, creating duplicates; at-most-once can lose data; exactly-once means each record affects the output once. Across system boundaries exactly-once delivery is impractical, so we combine at-least-once delivery with idempotent writes keyed by a unique id, or with transactions that commit the output together with the consumed offsets. The result is effectively once even though records may be redelivered.',
    keyConcepts: ['at least once', 'duplicates', 'idempotent writes', 'transactions', 'offsets'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-03', topic: 'distributed-processing', difficulty: 3,
    prompt: 'A Spark join runs for hours with one task far slower than the rest. What is likely happening and how do you fix it?',
    referenceAnswer: 'This is data skew: a hot key, often a NULL or a default value, puts most rows into one partition, so one straggler task does all the work. I confirm it from task metrics in the Spark UI and by counting rows per key. Fixes: filter or handle null keys separately, broadcast the smaller side if it fits, salt the hot key by adding a random suffix on the large side and replicating the small side, or let adaptive query execution split skewed partitions.',
    keyConcepts: ['skew', 'hot key', 'straggler task', 'salting', 'broadcast join'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-04', topic: 'distributed-processing', difficulty: 3,
    prompt: 'Compare a broadcast hash join and a sort-merge join in a distributed engine. When does the optimizer pick each?',
    referenceAnswer: 'A broadcast hash join copies the small table to every executor and builds a hash table there, so the large table is joined without a shuffle; it only works when the small side fits in memory. A sort-merge join shuffles both sides by the join key, sorts them and merges, which scales to two large tables but pays for the shuffle and sort. The optimizer picks broadcast when a side is below a size threshold, otherwise sort-merge.',
    keyConcepts: ['broadcast', 'small table', 'shuffle', 'sort merge', 'memory'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-05', topic: 'storage-formats', difficulty: 3,
    prompt: 'Describe how a Parquet file is organized and how an engine uses that to skip data.',
    referenceAnswer: 'A Parquet file is split into row groups; each row group stores one column chunk per column, and column chunks are divided into pages, encoded with dictionary or run-length encoding and compressed. The footer holds the schema and statistics such as min and max per column chunk. Engines read the footer, skip row groups whose min and max cannot match the filter, which is predicate pushdown, and read only the requested columns.',
    keyConcepts: ['row groups', 'column chunks', 'min max statistics', 'predicate pushdown', 'dictionary encoding'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-06', topic: 'storage-formats', difficulty: 3,
    prompt: 'What do open table formats such as Iceberg, Delta Lake or Hudi add on top of plain Parquet files in a data lake?',
    referenceAnswer: 'They add a metadata layer that tracks which files make up each table version. Commits are atomic, giving ACID transactions and consistent reads while writers work. Every commit is a snapshot, which enables time travel and rollback. They support schema and partition evolution, row-level updates and deletes through merge or delete files, and they avoid expensive directory listings because the file list lives in metadata.',
    keyConcepts: ['ACID', 'snapshots', 'time travel', 'schema evolution', 'metadata'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-07', topic: 'data-modeling', difficulty: 3,
    prompt: 'How do you evolve an event schema without breaking producers and consumers? Explain backward and forward compatibility.',
    referenceAnswer: 'Backward compatibility means consumers using the new schema can read data written with the old one; forward compatibility means consumers on the old schema can read data written with the new one. Safe changes are adding optional fields with default values and not removing or retyping required fields. A schema registry enforces the compatibility mode on every new version, so breaking changes are rejected before they reach consumers; real breaking changes go to a new topic or version.',
    keyConcepts: ['backward compatible', 'forward compatible', 'default values', 'schema registry', 'consumers'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-08', topic: 'pipelines', difficulty: 3,
    prompt: 'What is change data capture? Compare log-based CDC with querying a table by an updated_at column.',
    referenceAnswer: 'Change data capture streams inserts, updates and deletes from a database to other systems. Query-based CDC polls for rows whose updated_at is newer than the last run: it misses hard deletes, misses intermediate updates between polls, depends on the column being maintained, and loads the source. Log-based CDC, such as Debezium, reads the database transaction log, so it captures every change including deletes in commit order with low overhead; it usually starts with an initial snapshot.',
    keyConcepts: ['change data capture', 'transaction log', 'deletes', 'ordering', 'snapshot'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-09', topic: 'sql', difficulty: 3,
    prompt: 'A dashboard query on the warehouse went from seconds to minutes. Walk through how you would diagnose and speed it up.',
    referenceAnswer: 'I would look at the query plan and query profile to see where time and bytes go: full scans that should be pruned by partition or clustering, a join that explodes rows, a shuffle of a large table, or spilling. Typical fixes are filtering on the partition column, clustering on common filters, rewriting the join order or pre-aggregating before joining, removing SELECT star, and materializing a summary table when the same heavy aggregation runs often. I also check whether data volume or concurrency changed.',
    keyConcepts: ['query plan', 'full scan', 'partition pruning', 'join', 'clustering'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-10', topic: 'data-quality', difficulty: 3,
    prompt: 'What is a data contract and what problem does it solve between producing and consuming teams?',
    referenceAnswer: 'A data contract is an explicit agreement between the producer of a dataset or event stream and its consumers: the schema, meaning of fields, quality expectations, freshness SLA and ownership. It is enforced in the producer\'s CI and at ingestion, so a breaking change such as renaming or dropping a field is caught before it breaks downstream pipelines, and changes go through versioning and deprecation.',
    keyConcepts: ['data contract', 'schema', 'producers', 'breaking changes', 'ownership'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-11', topic: 'data-modeling', difficulty: 3,
    prompt: 'Facts sometimes arrive before their dimension rows, for example an order for a customer not yet loaded. How do you handle late-arriving dimensions?',
    referenceAnswer: 'For late arriving dimensions I do not drop the fact. Either I insert a placeholder or inferred dimension row with the natural key and unknown attributes, then update it when the real record arrives, or I map the fact to an unknown member and reprocess those facts later. Which one depends on whether reports need the right key immediately. Either way I monitor how many facts point to unknown or inferred members.',
    keyConcepts: ['late arriving', 'placeholder row', 'unknown member', 'reprocess'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-12', topic: 'distributed-processing', difficulty: 3,
    prompt: 'Spark executors keep failing with out-of-memory errors. What are the common causes and fixes?',
    referenceAnswer: 'Common causes are partitions that are too large, skew that puts a huge key in one task, collecting large results to the driver, broadcasting a table that is too big, and wide rows or heavy caching. Fixes: increase the number of shuffle partitions, handle skew, avoid collect, lower the broadcast threshold, reduce cached data, and only then raise executor memory or overhead. Spilling to disk is expected; repeated OOM means the work per task is too big.',
    keyConcepts: ['large partitions', 'skew', 'collect to the driver', 'spill', 'executor memory'],
  },
  {
    kind: 'spoken', id: 'de-adv-spk-13', topic: 'streaming', difficulty: 3,
    prompt: 'How do Kafka consumer groups distribute work, and what limits how far you can scale consumers?',
    referenceAnswer: 'Within a consumer group each partition is assigned to exactly one consumer, so the number of partitions caps parallelism: extra consumers sit idle. When consumers join or leave, the group rebalances partitions. Each consumer commits offsets per partition so a replacement resumes where the previous one stopped; committing before processing risks loss, committing after risks duplicates. To scale further you add partitions, which changes key placement.',
    keyConcepts: ['consumer group', 'partitions', 'one consumer per partition', 'rebalance', 'commit offsets'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'de-adv-mcq-01', topic: 'streaming', difficulty: 3,
    prompt: 'A stream job uses 5-minute tumbling windows and a watermark equal to the maximum event time seen minus 10 minutes. The latest event seen has event time 12:30. Which window can be emitted as final?',
    options: ['12:25-12:30', '12:20-12:25', '12:15-12:20', 'None yet'],
    correctIndex: 2,
    explanation: 'The watermark is 12:20. Windows ending at or before 12:20 are complete; 12:20-12:25 could still receive events.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-02', topic: 'streaming', difficulty: 2,
    prompt: 'A topic has 6 partitions and the consumer group has 8 consumers. What happens?',
    options: ['Each partition is split between consumers', '2 consumers are idle', 'Kafka adds 2 partitions automatically', 'The group refuses to start'],
    correctIndex: 1,
    explanation: 'A partition is consumed by at most one member of a group, so only 6 consumers get work.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-03', topic: 'streaming', difficulty: 3,
    prompt: 'What does log compaction on a Kafka topic guarantee?',
    options: ['At least the latest record for each key is retained', 'Only one message per partition is kept', 'Messages are compressed with gzip', 'Messages older than 7 days are deleted'],
    correctIndex: 0,
    explanation: 'Compaction removes older records for a key while keeping the latest (a null value is a tombstone that eventually deletes the key), so the topic can rebuild current state.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-04', topic: 'pipelines', difficulty: 3,
    prompt: 'A consumer reads at-least-once and writes to a table with an upsert keyed by event_id. What is the result after redeliveries?',
    options: ['Duplicate rows for each redelivery', 'Data loss for redelivered events', 'Effectively exactly-once results in the table', 'Random order of rows'],
    correctIndex: 2,
    explanation: 'An idempotent sink absorbs duplicates: writing the same event twice leaves the same row.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-05', topic: 'distributed-processing', difficulty: 2,
    prompt: 'You join a 50 MB dimension table with a 2 TB fact table in Spark. Which strategy is usually best?',
    options: ['Sort-merge join shuffling both sides', 'Broadcast hash join of the dimension table', 'Cartesian join then filter', 'Collect both tables to the driver'],
    correctIndex: 1,
    explanation: 'Broadcasting the small side avoids shuffling 2 TB.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-06', topic: 'distributed-processing', difficulty: 3,
    prompt: 'How does salting fix a skewed join key?',
    options: ['It encrypts the hot key', 'It drops rows with the hot key', 'It sorts the data before the join', 'It adds a random suffix to the hot key on the large side and replicates the matching small-side rows for every suffix'],
    correctIndex: 3,
    explanation: 'The hot key is spread over N partitions; the small side is duplicated N times so every salted key still finds its match.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-07', topic: 'distributed-processing', difficulty: 2,
    prompt: 'What is the difference between coalesce(n) and repartition(n) in Spark?',
    options: ['coalesce merges existing partitions without a full shuffle and can only reduce their number; repartition does a full shuffle', 'They are aliases', 'repartition never shuffles', 'coalesce increases the number of partitions'],
    correctIndex: 0,
    explanation: 'coalesce is cheap for reducing output files but can leave unbalanced partitions; repartition shuffles to balance.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-08', topic: 'storage-formats', difficulty: 3,
    prompt: 'What lets a Parquet reader skip row groups for `WHERE amount > 1000`?',
    options: ['The file name', 'A B-tree index in each file', 'Min/max statistics per column chunk in the footer', 'Bloom filters are required'],
    correctIndex: 2,
    explanation: 'If a row group\'s max amount is at most 1000 it cannot match and is skipped. Bloom filters are optional and help equality filters.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-09', topic: 'storage-formats', difficulty: 2,
    prompt: 'Dictionary encoding in columnar formats works best for which column?',
    options: ['A unique transaction id', 'A country code with 200 distinct values', 'A random floating-point measurement', 'A free-text comment'],
    correctIndex: 1,
    explanation: 'Low-cardinality columns map to small integer codes that compress extremely well.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-10', topic: 'storage-formats', difficulty: 3,
    prompt: 'What does Iceberg\'s hidden partitioning give you?',
    options: ['Partitions that are invisible to the catalog', 'Encrypted partition values', 'Automatic deletion of old partitions', 'Partitions derived from column transforms such as day(ts), so queries filter on ts and still prune'],
    correctIndex: 3,
    explanation: 'Users do not need to know or filter on a separate partition column, and the partition spec can evolve.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-11', topic: 'storage-formats', difficulty: 3,
    prompt: 'Why cluster (or Z-order) a table by customer_id and product_id?',
    options: ['To co-locate rows with similar values in both columns so file statistics can skip more data for filters on either', 'To enforce uniqueness', 'To sort the output of every query', 'To reduce the number of columns'],
    correctIndex: 0,
    explanation: 'Clustering narrows each file\'s min/max ranges, improving data skipping for multi-column filters.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-12', topic: 'data-modeling', difficulty: 3,
    prompt: 'In Avro, you add a field to a record schema and want consumers using the new schema to read old data (backward compatibility). What must the new field have?',
    options: ['A union with string', 'A default value', 'A logical type', 'An alias'],
    correctIndex: 1,
    explanation: 'Old records lack the field; the reader fills in the default. Without a default, reading old data fails.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-13', topic: 'pipelines', difficulty: 3,
    prompt: 'What does log-based CDC capture that polling on an updated_at column misses?',
    options: ['Inserts', 'Schema names', 'Hard deletes and intermediate updates between polls', 'Primary keys'],
    correctIndex: 2,
    explanation: 'A deleted row no longer exists to be selected, and a row updated twice between polls is seen only once.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-14', topic: 'sql', difficulty: 2,
    prompt: 'Which SQL statement inserts new rows and updates existing ones in one atomic operation?',
    options: ['INSERT OVERWRITE', 'UPDATE ... FROM', 'REPLACE VIEW', 'MERGE'],
    correctIndex: 3,
    explanation: 'MERGE matches source rows to target rows on a condition and specifies actions for matched and unmatched rows.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-15', topic: 'sql', difficulty: 3,
    prompt: 'You find customers without orders with `WHERE id NOT IN (SELECT customer_id FROM orders)`. It returns no rows. Why?',
    options: ['orders.customer_id contains a NULL, so NOT IN is never true', 'NOT IN is not allowed with subqueries', 'All customers have orders', 'The subquery must be sorted'],
    correctIndex: 0,
    explanation: 'x NOT IN (..., NULL) evaluates to UNKNOWN for every x. NOT EXISTS or a LEFT JOIN ... IS NULL behaves correctly.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-16', topic: 'sql', difficulty: 4,
    prompt: 'With the default window frame, what does SUM(amount) OVER (ORDER BY day) return for two rows that share the same day?',
    options: ['Different running totals, in arbitrary order', 'The same running total, including both rows', 'NULL for the second row', 'Only the amount of the current row'],
    correctIndex: 1,
    explanation: 'With ORDER BY the default frame is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, which includes peer rows with equal ordering values. Use ROWS for a strict row-by-row running sum.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-17', topic: 'data-quality', difficulty: 3,
    prompt: 'A dedup job keeps ROW_NUMBER() = 1 ordered by updated_at, and results differ between reruns. What is missing?',
    options: ['An index on updated_at', 'A larger cluster', 'A deterministic tie-breaker in the ORDER BY, such as a unique sequence number', 'A DISTINCT clause'],
    correctIndex: 2,
    explanation: 'When two rows share updated_at, their order is undefined; adding a unique column makes the choice reproducible.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-18', topic: 'pipelines', difficulty: 3,
    prompt: 'A daily job reads "yesterday" using CURRENT_DATE - 1. What goes wrong when you backfill 90 days?',
    options: ['Nothing, it works', 'Every backfill run processes the same day, because the date comes from the clock instead of the run\'s logical date', 'The backfill runs in reverse order', 'The warehouse rejects old dates'],
    correctIndex: 1,
    explanation: 'Jobs should take the logical or data interval date as a parameter so historical runs are deterministic.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-19', topic: 'distributed-processing', difficulty: 3,
    prompt: 'What does Spark adaptive query execution (AQE) do?',
    options: ['Caches every DataFrame automatically', 'Rewrites SQL into Python', 'Adds executors when a query is slow', 'Uses runtime shuffle statistics to coalesce partitions, switch join strategies and split skewed partitions'],
    correctIndex: 3,
    explanation: 'AQE re-optimizes at stage boundaries using actual data sizes instead of estimates.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-20', topic: 'streaming', difficulty: 3,
    prompt: 'A streaming aggregation by user_id runs for weeks and its state keeps growing until the job fails. What is the usual fix?',
    options: ['Bound the state with a watermark or state TTL so old keys and windows are evicted', 'Restart the job every day without a checkpoint', 'Increase the number of Kafka partitions', 'Switch to processing-time windows without state'],
    correctIndex: 0,
    explanation: 'Without a watermark or TTL the engine must keep every key forever in case more data arrives.',
  },
  {
    kind: 'mcq', id: 'de-adv-mcq-21', topic: 'storage-formats', difficulty: 3,
    prompt: 'A streaming job commits to a lake table every minute. Reads get slower week by week. What is the most likely fix?',
    options: ['Partition by minute', 'Schedule compaction to rewrite small files (and merge delete files) and expire old snapshots', 'Switch from Parquet to CSV', 'Write fewer columns'],
    correctIndex: 1,
    explanation: 'Frequent small commits create many small files and metadata; compaction and snapshot expiration restore read performance.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'de-adv-code-1', topic: 'streaming', difficulty: 3,
    title: 'Tumbling window counts per key',
    statement: 'Events are `{ ts, key }` where `ts` is an event time in milliseconds; they may arrive out of order. With tumbling windows of `windowMs`, an event belongs to the window starting at `Math.floor(ts / windowMs) * windowMs` (a window covers [start, start + windowMs)). Return `{ windowStart, key, count }` for every non-empty window and key, sorted by windowStart ascending, then key ascending (plain string comparison).',
    functionName: 'tumblingWindowCounts',
    signature: 'function tumblingWindowCounts(events: { ts: number; key: string }[], windowMs: number): { windowStart: number; key: string; count: number }[]',
    starterCode: 'type WindowCount = { windowStart: number; key: string; count: number };\n\nfunction tumblingWindowCounts(events: { ts: number; key: string }[], windowMs: number): WindowCount[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function tumblingWindowCounts(events, windowMs) {
  const counts = new Map();
  for (const e of events) {
    const start = Math.floor(e.ts / windowMs) * windowMs;
    const id = JSON.stringify([start, e.key]);
    const cur = counts.get(id);
    if (cur) cur.count++;
    else counts.set(id, { windowStart: start, key: e.key, count: 1 });
  }
  return [...counts.values()].sort((a, b) =>
    a.windowStart - b.windowStart || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}`,
    exampleTests: [
      {
        args: [[{ ts: 1000, key: 'a' }, { ts: 59999, key: 'a' }, { ts: 60000, key: 'a' }, { ts: 30000, key: 'b' }], 60000],
        expected: [{ windowStart: 0, key: 'a', count: 2 }, { windowStart: 0, key: 'b', count: 1 }, { windowStart: 60000, key: 'a', count: 1 }],
      },
    ],
    hiddenTests: [
      { args: [[], 60000], expected: [], description: 'no events' },
      {
        args: [[{ ts: 125000, key: 'x' }, { ts: 5000, key: 'x' }, { ts: 120000, key: 'x' }, { ts: 119999, key: 'y' }], 60000],
        expected: [{ windowStart: 0, key: 'x', count: 1 }, { windowStart: 60000, key: 'y', count: 1 }, { windowStart: 120000, key: 'x', count: 2 }],
        description: 'out of order, boundaries',
      },
      {
        args: [[{ ts: 3, key: 'b' }, { ts: 7, key: 'a' }, { ts: 9, key: 'b' }], 10],
        expected: [{ windowStart: 0, key: 'a', count: 1 }, { windowStart: 0, key: 'b', count: 2 }],
        description: 'keys sorted inside a window',
      },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'de-adv-code-2', topic: 'data-modeling', difficulty: 3,
    title: 'Slowly changing dimension type 2 merge',
    statement: 'A type 2 dimension has rows `{ key, value, validFrom, validTo }`; `validTo` is null for the current row of a key. Apply a batch of `updates` (`{ key, value }`) observed at time `asOf`. If a key appears several times in the batch, only its last update counts. For each updated key: if its current row has the same value, change nothing; if its current row has a different value, set that row\'s validTo to asOf and add `{ key, value, validFrom: asOf, validTo: null }`; if it has no current row (new key, or only closed history), add the new row. Return all rows, history included, sorted by key (plain string comparison) then validFrom ascending. Do not mutate the input.',
    functionName: 'scd2Merge',
    signature: 'function scd2Merge(rows: DimRow[], updates: { key: string; value: string }[], asOf: number): DimRow[]',
    starterCode: 'type DimRow = { key: string; value: string; validFrom: number; validTo: number | null };\n\nfunction scd2Merge(rows: DimRow[], updates: { key: string; value: string }[], asOf: number): DimRow[] {\n  // your code here\n  return rows;\n}\n',
    referenceSolution: `function scd2Merge(rows, updates, asOf) {
  const out = rows.map((r) => ({ ...r }));
  const latest = new Map();
  for (const u of updates) latest.set(u.key, u.value);
  for (const [key, value] of latest) {
    const current = out.find((r) => r.key === key && r.validTo === null);
    if (current && current.value === value) continue;
    if (current) current.validTo = asOf;
    out.push({ key, value, validFrom: asOf, validTo: null });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.validFrom - b.validFrom));
}`,
    exampleTests: [
      {
        args: [[{ key: 'c1', value: 'Paris', validFrom: 100, validTo: null }], [{ key: 'c1', value: 'Lyon' }], 200],
        expected: [{ key: 'c1', value: 'Paris', validFrom: 100, validTo: 200 }, { key: 'c1', value: 'Lyon', validFrom: 200, validTo: null }],
      },
    ],
    hiddenTests: [
      {
        args: [[{ key: 'c1', value: 'Paris', validFrom: 100, validTo: null }], [{ key: 'c1', value: 'Paris' }], 200],
        expected: [{ key: 'c1', value: 'Paris', validFrom: 100, validTo: null }],
        description: 'unchanged value is a no-op',
      },
      {
        args: [
          [{ key: 'a', value: 'x', validFrom: 1, validTo: 5 }, { key: 'a', value: 'y', validFrom: 5, validTo: null }, { key: 'b', value: 'z', validFrom: 2, validTo: null }],
          [{ key: 'c', value: 'new' }, { key: 'a', value: 'q' }, { key: 'a', value: 'y' }],
          10,
        ],
        expected: [
          { key: 'a', value: 'x', validFrom: 1, validTo: 5 },
          { key: 'a', value: 'y', validFrom: 5, validTo: null },
          { key: 'b', value: 'z', validFrom: 2, validTo: null },
          { key: 'c', value: 'new', validFrom: 10, validTo: null },
        ],
        description: 'last update per key wins; new key inserted',
      },
      {
        args: [[{ key: 'd', value: 'old', validFrom: 1, validTo: 3 }], [{ key: 'd', value: 'old' }], 9],
        expected: [{ key: 'd', value: 'old', validFrom: 1, validTo: 3 }, { key: 'd', value: 'old', validFrom: 9, validTo: null }],
        description: 'key with only closed history gets a new current row',
      },
      {
        args: [[{ key: 'b', value: '1', validFrom: 1, validTo: null }, { key: 'a', value: '2', validFrom: 1, validTo: null }], [], 5],
        expected: [{ key: 'a', value: '2', validFrom: 1, validTo: null }, { key: 'b', value: '1', validFrom: 1, validTo: null }],
        description: 'no updates: rows only sorted',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'de-adv-code-3', topic: 'pipelines', difficulty: 3,
    title: 'Pipeline execution order',
    statement: 'Pipeline tasks are `{ name, deps }`, where `deps` lists names of tasks that must finish first. Return an execution order in which every task comes after all of its dependencies. Whenever several tasks are ready, run the alphabetically smallest first (plain string comparison). Return null if the dependencies contain a cycle or name a task that does not exist.',
    functionName: 'pipelineOrder',
    signature: 'function pipelineOrder(tasks: { name: string; deps: string[] }[]): string[] | null',
    starterCode: 'function pipelineOrder(tasks: { name: string; deps: string[] }[]): string[] | null {\n  // your code here\n  return null;\n}\n',
    referenceSolution: `function pipelineOrder(tasks) {
  const indegree = new Map();
  const dependents = new Map();
  for (const t of tasks) { indegree.set(t.name, 0); dependents.set(t.name, []); }
  for (const t of tasks) {
    for (const d of t.deps) {
      if (!indegree.has(d)) return null;
      indegree.set(t.name, indegree.get(t.name) + 1);
      dependents.get(d).push(t.name);
    }
  }
  const ready = [...indegree].filter(([, n]) => n === 0).map(([name]) => name);
  const order = [];
  while (ready.length > 0) {
    ready.sort();
    const next = ready.shift();
    order.push(next);
    for (const child of dependents.get(next)) {
      indegree.set(child, indegree.get(child) - 1);
      if (indegree.get(child) === 0) ready.push(child);
    }
  }
  return order.length === tasks.length ? order : null;
}`,
    exampleTests: [
      {
        args: [[{ name: 'load', deps: ['transform'] }, { name: 'extract', deps: [] }, { name: 'transform', deps: ['extract'] }]],
        expected: ['extract', 'transform', 'load'],
      },
    ],
    hiddenTests: [
      {
        args: [[
          { name: 'report', deps: ['b_clean', 'a_clean'] }, { name: 'b_clean', deps: ['raw'] }, { name: 'a_clean', deps: ['raw'] },
          { name: 'raw', deps: [] }, { name: 'audit', deps: [] },
        ]],
        expected: ['audit', 'raw', 'a_clean', 'b_clean', 'report'],
        description: 'alphabetical among ready tasks',
      },
      {
        args: [[{ name: 'z', deps: [] }, { name: 'm', deps: ['z'] }, { name: 'a', deps: ['z'] }, { name: 'b', deps: [] }]],
        expected: ['b', 'z', 'a', 'm'],
        description: 'a task becomes ready only after its dependency ran',
      },
      { args: [[{ name: 'a', deps: ['b'] }, { name: 'b', deps: ['a'] }, { name: 'c', deps: [] }]], expected: null, description: 'cycle' },
      { args: [[{ name: 'x', deps: ['missing'] }]], expected: null, description: 'unknown dependency' },
      { args: [[]], expected: [], description: 'no tasks' },
    ],
    timeLimitSec: 1200,
  },
]);

const EXPERT = scoped('expert', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'de-exp-spk-01', topic: 'streaming', difficulty: 5,
    prompt: 'Design a clickstream pipeline that ingests about one million events per second into a lakehouse with under five minutes of freshness and no duplicates. What are the key components and failure modes?',
    referenceAnswer: 'Producers write to a partitioned log such as Kafka, keyed so related events stay ordered, with enough partitions for peak throughput and retention long enough to replay. A stream processor with checkpointing reads it, validates against a schema registry, routes bad records to a dead letter queue, and writes to a table format with transactional commits tied to checkpoints, so a restart replays from committed offsets without duplicates. Commits every minute or so create small files, so compaction runs continuously. Failure modes are consumer lag and backpressure during spikes, hot partitions, sink outages, and schema changes; I would monitor lag, freshness and commit failures.',
    keyConcepts: ['partitioned log', 'checkpointing', 'transactional commits', 'compaction', 'backpressure', 'replay'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-02', topic: 'pipelines', difficulty: 4,
    prompt: 'Compare the Lambda and Kappa architectures. When would you still choose Lambda today?',
    referenceAnswer: 'Lambda runs a batch layer that periodically recomputes accurate results from all data and a speed layer that gives approximate recent results, merged at query time. Its cost is two code paths that must agree. Kappa uses a single streaming code path and handles reprocessing by replaying the log into a new version of the job. I would keep a batch path when reprocessing years of history through the streaming engine is too slow or costly, or when the batch computation is fundamentally different, like heavy joins over full history.',
    keyConcepts: ['batch layer', 'speed layer', 'two code paths', 'replay the log', 'reprocessing'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-03', topic: 'data-quality', difficulty: 4,
    prompt: 'For three days a nightly job double-counted revenue and finance already used the numbers. How do you handle the incident and prevent a repeat?',
    referenceAnswer: 'First contain it: stop the job or flag the affected tables, and use lineage to find every downstream table, dashboard and consumer that used the data and tell them. Find the root cause, fix it, and backfill the three days idempotently, then reconcile against the source totals before announcing the correction. Afterwards I add the missing checks, such as primary key uniqueness and reconciliation of totals against the source, make the publish step block on critical checks, and write a blameless postmortem.',
    keyConcepts: ['root cause', 'lineage', 'downstream consumers', 'backfill', 'uniqueness check', 'postmortem'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-04', topic: 'sql', difficulty: 4,
    prompt: 'Warehouse costs have tripled in a year across dozens of teams. How do you get them under control without blocking analysts?',
    referenceAnswer: 'Start with cost attribution: tag workloads by team and query and find the top consumers, which are usually a few scheduled jobs and dashboards. Isolate workloads on separate compute with quotas and auto-suspend so ad hoc queries do not compete with pipelines. Then fix the heavy hitters: partitioning and clustering so queries prune, incremental models instead of full rebuilds, materialized views or aggregates for popular dashboards, and retention policies for raw data. Make costs visible to teams so they own them.',
    keyConcepts: ['cost attribution', 'workload isolation', 'quotas', 'incremental', 'materialized views'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-05', topic: 'streaming', difficulty: 5,
    prompt: 'Explain how an engine like Flink achieves end-to-end exactly-once from Kafka to Kafka.',
    referenceAnswer: 'Flink periodically injects checkpoint barriers into the sources. When an operator has received the barrier on its inputs, it snapshots its state; source offsets are part of the snapshot. The Kafka sink writes into a Kafka transaction that is pre-committed when the checkpoint is taken and committed only after the checkpoint completes, which is a two-phase commit. On failure, the job restores the last checkpoint, replays from the stored offsets, and aborts uncommitted transactions; downstream consumers read with read_committed isolation so they never see aborted output.',
    keyConcepts: ['checkpoint barrier', 'state snapshot', 'two phase commit', 'Kafka transaction', 'replay from offsets', 'read committed'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-06', topic: 'data-modeling', difficulty: 4,
    prompt: 'What is a data mesh, and what would make you skeptical of adopting one?',
    referenceAnswer: 'A data mesh gives ownership of analytical data to the domain teams that produce it, treating datasets as products with owners, SLAs and documentation, built on a self-serve platform, with federated governance setting global standards such as interoperability and security. I would be skeptical when domain teams lack data engineering skills or incentives, when the organization is small enough that a central team works well, or when there is no platform yet; then mesh just distributes the mess.',
    keyConcepts: ['domain ownership', 'data as a product', 'self-serve platform', 'federated governance'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-07', topic: 'storage-formats', difficulty: 5,
    prompt: 'A user asks to be deleted under GDPR. Their data is spread across years of immutable Parquet files in a data lake. How do you design for this?',
    referenceAnswer: 'Use a table format that supports row-level deletes so you can delete by user id, which rewrites affected files or writes delete files, then compact and expire old snapshots and remove orphan files so the data is physically gone. Keep personal data in few, well-known tables, joined by a pseudonymous key, and use lineage to find copies. For large or backup data, crypto shredding works: encrypt each user\'s data with a per-user key and delete the key. Track deletion requests and verify completion within the legal deadline.',
    keyConcepts: ['row level deletes', 'rewrite files', 'expire snapshots', 'crypto shredding', 'lineage'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-08', topic: 'streaming', difficulty: 4,
    prompt: 'An upstream team changed an event schema and your streaming pipeline crashed at 3 a.m. How would you redesign so this cannot take the pipeline down?',
    referenceAnswer: 'Enforce compatibility at the source: producers register schemas in a schema registry with a compatibility mode checked in their CI, under a data contract. In the pipeline, deserialize defensively, and route records that fail validation to a dead letter queue or quarantine table instead of crashing, with alerting on the rate of rejected records. Keep the raw data so quarantined records can be replayed after a fix, and make consumers tolerant of added fields.',
    keyConcepts: ['schema registry', 'compatibility checks', 'dead letter queue', 'quarantine', 'alerting'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-09', topic: 'pipelines', difficulty: 5,
    prompt: 'You need to reprocess a year of history for a streaming job after a logic change, without disturbing the live output. How?',
    referenceAnswer: 'Run the new version as a separate job that replays from retained storage, either the log if retention allows or the raw files in the lake, and writes to a new versioned output. Rate-limit the replay so it does not starve the live job or the shared cluster. Use event-time semantics so results do not depend on replay speed. When it has caught up, validate against the old output, then switch consumers to the new output blue-green style and retire the old job. The writes must be idempotent so the replay can be restarted.',
    keyConcepts: ['separate job', 'replay', 'rate limit', 'blue green', 'idempotent', 'event time'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-10', topic: 'data-quality', difficulty: 4,
    prompt: 'Finance needs daily revenue that never silently changes, but late and corrected events keep arriving for weeks. How do you design the reporting?',
    referenceAnswer: 'Separate the always-current view from closed periods. Late events keep updating the operational tables, but a period is closed at an agreed cutoff and its figures are snapshotted and versioned. Corrections after the cutoff are recorded as restatements or adjustments in the next open period, with an audit trail that shows what changed and why. Report how much late data arrives so the cutoff can be tuned.',
    keyConcepts: ['cutoff', 'late data', 'versioned snapshots', 'restatement', 'audit trail'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-11', topic: 'streaming', difficulty: 4,
    prompt: 'How do you choose the partition key for a high-volume Kafka topic, and what do you do when one partition becomes hot?',
    referenceAnswer: 'The key determines ordering and load: records with the same key go to the same partition, so pick the entity that needs ordering, such as account id, with enough distinct, evenly distributed values. A hot partition comes from a few huge keys. Options: a compound key that splits the hot entity when strict ordering is only needed per sub-entity, a dedicated topic for the heavy tenant, or more partitions, which remaps keys by hash, so migrate with care because per-key ordering breaks across the change.',
    keyConcepts: ['partition key', 'ordering', 'hot partition', 'key hashing', 'more partitions'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-12', topic: 'data-quality', difficulty: 4,
    prompt: 'What does a good observability setup for a data platform with hundreds of pipelines look like?',
    referenceAnswer: 'Every dataset has an owner and a freshness SLA. Column-level lineage shows what is affected upstream and downstream when something breaks. Automated monitors cover freshness, volume anomalies, schema changes and distribution shifts, not just job success. Alerts are routed to owners with context, incidents are tracked, and SLAs are reported. Pipeline metrics such as runtime, cost and retries sit next to data metrics.',
    keyConcepts: ['lineage', 'freshness SLA', 'volume anomalies', 'schema changes', 'owner'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'de-exp-spk-13', topic: 'streaming', difficulty: 5,
    prompt: 'How does a stream-stream join work, and how do you keep its state bounded?',
    referenceAnswer: 'Both streams are buffered in state keyed by the join key; each new event on one side is matched against the buffered events of the other side. Without bounds the state grows forever, so the join needs a time condition, such as the click must occur within one hour after the impression, combined with watermarks so the engine can evict events that can no longer match. Late events beyond the watermark are dropped, and outer joins emit unmatched rows only when the watermark passes. State size should be monitored.',
    keyConcepts: ['time bounded join', 'state', 'watermark', 'evict', 'late events'],
    timeLimitSec: 180,
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'de-exp-mcq-01', topic: 'streaming', difficulty: 5,
    prompt: 'What is required for end-to-end exactly-once from a Flink job into Kafka?',
    options: ['Producer retries set to 0', 'A transactional sink committed on checkpoint completion (two-phase commit) and consumers reading with read_committed', 'At-most-once sources', 'Disabling checkpoints'],
    correctIndex: 1,
    explanation: 'Output becomes visible only when the checkpoint that covers it succeeds; read_uncommitted consumers could still see aborted writes.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-02', topic: 'streaming', difficulty: 4,
    prompt: 'You increase a keyed Kafka topic from 12 to 24 partitions. What happens to per-key ordering?',
    options: ['Nothing changes', 'Kafka migrates old data to the new partitions', 'Many keys now hash to a different partition, so ordering across the change is no longer guaranteed for them', 'The topic becomes unordered permanently'],
    correctIndex: 2,
    explanation: 'The default partitioner uses hash(key) mod partitions; existing data stays put while new records for a key may land elsewhere.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-03', topic: 'streaming', difficulty: 4,
    prompt: 'What does Kafka producer idempotence (enable.idempotence=true) guarantee?',
    options: ['Exactly-once processing end to end', 'Deduplication across different producers', 'Consumers never see a message twice', 'Retries of a send do not write duplicates or reorder messages within a partition for that producer session'],
    correctIndex: 3,
    explanation: 'Brokers deduplicate using the producer id and sequence numbers. End-to-end guarantees need transactions and idempotent consumers too.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-04', topic: 'streaming', difficulty: 5,
    prompt: 'Under heavy backpressure, checkpoints in a Flink job take very long. What do unaligned checkpoints change?',
    options: ['Barriers overtake buffered records and the in-flight data is stored in the checkpoint, so checkpoints no longer wait for buffers to drain', 'Checkpoints are skipped under backpressure', 'State is no longer snapshotted', 'Exactly-once is replaced by at-most-once'],
    correctIndex: 0,
    explanation: 'Aligned checkpoints wait for barriers from all inputs, which is slow when buffers are full; unaligned ones trade bigger checkpoints for bounded checkpoint time.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-05', topic: 'storage-formats', difficulty: 5,
    prompt: 'How does Apache Iceberg make a commit atomic on object storage that has no rename transactions?',
    options: ['It locks every data file', 'It writes all files into one archive', 'Writers create new metadata files and the catalog atomically swaps the table\'s current metadata pointer with compare-and-swap', 'It relies on S3 versioning'],
    correctIndex: 2,
    explanation: 'Data and manifest files are immutable; a commit succeeds only if the pointer still references the version the writer started from, otherwise the writer retries.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-06', topic: 'storage-formats', difficulty: 4,
    prompt: 'Two jobs write to different partitions of the same Delta or Iceberg table at the same time. What happens under optimistic concurrency?',
    options: ['The second job overwrites the first', 'Both usually commit: the loser of the race re-validates against the new snapshot, finds no conflict and retries its commit', 'The table becomes corrupted', 'One job must always fail'],
    correctIndex: 1,
    explanation: 'Conflict detection checks whether the files the job read or rewrote changed; disjoint appends do not conflict.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-07', topic: 'pipelines', difficulty: 3,
    prompt: 'What is the main long-term cost of a Lambda architecture?',
    options: ['It cannot handle late data', 'It only works on Hadoop', 'It cannot be queried with SQL', 'The same business logic is maintained in two code paths that must produce matching results'],
    correctIndex: 3,
    explanation: 'Batch and speed layers drift apart over time; Kappa removes the duplication by reprocessing through the stream path.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-08', topic: 'storage-formats', difficulty: 4,
    prompt: 'After a row-level DELETE on an Iceberg table, when is the deleted personal data physically gone?',
    options: ['Only after the snapshots that reference the old files are expired and those files are removed', 'Immediately', 'Never, Iceberg is append-only', 'After the next read'],
    correctIndex: 0,
    explanation: 'Old snapshots still reference the original files for time travel; expiring them deletes the files no longer referenced. With merge-on-read deletes the rows also stay in data files until compaction rewrites them.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-09', topic: 'storage-formats', difficulty: 4,
    prompt: 'Which statement about copy-on-write versus merge-on-read tables is correct?',
    options: ['Merge-on-read makes both reads and writes faster', 'Copy-on-write rewrites affected files on update (slower writes, fast reads); merge-on-read writes delete or delta files (fast writes, reads must merge)', 'Copy-on-write cannot delete rows', 'They differ only in compression'],
    correctIndex: 1,
    explanation: 'Choose copy-on-write for read-heavy tables with rare updates, merge-on-read for frequent updates, with compaction to bound read cost.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-10', topic: 'streaming', difficulty: 4,
    prompt: 'A stream-stream join on order_id has no time bound. What happens over weeks?',
    options: ['The engine drops unmatched events automatically after a minute', 'The join becomes a broadcast join', 'State grows without bound because every event must be kept in case a match arrives', 'Output becomes non-deterministic but state is constant'],
    correctIndex: 2,
    explanation: 'Time-bounded join conditions plus watermarks are what let the engine evict state.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-11', topic: 'streaming', difficulty: 4,
    prompt: 'One Kafka partition of a Flink source receives no data for hours while others are busy. What happens to event-time windows?',
    options: ['They fire normally', 'They fire on processing time instead', 'The idle partition is removed from the job', 'The watermark, the minimum across inputs, stops advancing, so windows do not fire until idleness is configured or data arrives'],
    correctIndex: 3,
    explanation: 'Marking sources idle after a timeout excludes them from the watermark computation.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-12', topic: 'streaming', difficulty: 4,
    prompt: 'Consumer lag is growing on one partition of a topic while the others are near zero. What is the most likely cause?',
    options: ['A hot key sending a disproportionate share of records to that partition', 'The broker disk is full', 'Too many consumers in the group', 'Log compaction is enabled'],
    correctIndex: 0,
    explanation: 'Skew in key distribution concentrates load; fix the key choice or split the hot key.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-13', topic: 'streaming', difficulty: 5,
    prompt: 'How does Kafka Streams with processing.guarantee=exactly_once_v2 avoid duplicates after a crash?',
    options: ['It deduplicates output by hashing values', 'It commits the output records, state changelog writes and input offsets in one Kafka transaction', 'It waits for consumer acknowledgements', 'It disables retries'],
    correctIndex: 1,
    explanation: 'Either all effects of processing a batch become visible together or none do, so replay after a crash is safe.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-14', topic: 'data-modeling', difficulty: 3,
    prompt: 'In a data mesh, what does "federated computational governance" mean?',
    options: ['A central team approves every dataset manually', 'Each domain chooses its own security rules', 'Global standards are agreed jointly and enforced automatically by the platform, while domains own their data products', 'Governance is outsourced to the cloud provider'],
    correctIndex: 2,
    explanation: 'Policies such as access control, interoperability and classification are encoded in the platform rather than policed by hand.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-15', topic: 'sql', difficulty: 4,
    prompt: 'A table is partitioned by ingestion date. Queries filter on event date and scan the whole table. What is the best fix?',
    options: ['Partition by the column queries filter on (event date), or cluster on it so files can be skipped', 'Add more compute', 'Convert the table to CSV', 'Create a view that selects all columns'],
    correctIndex: 0,
    explanation: 'Pruning only works on what the data is organized by; ingestion date is unrelated to the filter, so every partition may contain matches.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-16', topic: 'data-quality', difficulty: 4,
    prompt: 'You migrated a critical pipeline to a new engine. What is the most convincing evidence of parity before switching consumers?',
    options: ['The new job finished without errors', 'The row count of the last day matches', 'A code review of the new job', 'A shadow run for several periods comparing row counts, key sets and aggregates or hashes per partition between old and new outputs'],
    correctIndex: 3,
    explanation: 'Success status and one count can hide dropped or changed rows; partition-level reconciliation over time catches them.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-17', topic: 'pipelines', difficulty: 4,
    prompt: 'What problem does the transactional outbox pattern solve?',
    options: ['Slow SQL queries', 'Losing or duplicating events when a service must both update its database and publish a message (the dual-write problem)', 'Schema evolution of events', 'Storing large files in a database'],
    correctIndex: 1,
    explanation: 'The event is written to an outbox table in the same transaction as the business change, and a relay or CDC publishes it afterwards.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-18', topic: 'pipelines', difficulty: 4,
    prompt: 'Debezium publishes change events for a table to Kafka keyed by primary key. What ordering do consumers get?',
    options: ['A global order across all tables', 'No ordering at all', 'Changes to the same row arrive in commit order, because they share a partition', 'Ordering by event size'],
    correctIndex: 2,
    explanation: 'Keying by primary key places all changes of a row in one partition, which Kafka keeps in order.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-19', topic: 'storage-formats', difficulty: 4,
    prompt: 'A bloom filter index on a high-cardinality column such as user_id helps most for which query?',
    options: ['WHERE user_id = \'u-123\', by skipping files that certainly do not contain the value', 'Range scans such as user_id BETWEEN two values', 'Aggregations over all rows', 'ORDER BY user_id'],
    correctIndex: 0,
    explanation: 'Bloom filters answer "definitely not present" or "maybe present" for equality lookups; min/max statistics are useless for random ids.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-20', topic: 'distributed-processing', difficulty: 4,
    prompt: 'Why do large-scale systems use HyperLogLog for distinct counts?',
    options: ['It is exact and faster than COUNT(DISTINCT)', 'It sorts data more efficiently', 'It works only on integers', 'It estimates cardinality with small fixed memory, and sketches from partitions or days can be merged'],
    correctIndex: 3,
    explanation: 'HLL trades a small, known relative error for constant memory and mergeability, so daily sketches roll up into weekly uniques without rescanning.',
  },
  {
    kind: 'mcq', id: 'de-exp-mcq-21', topic: 'streaming', difficulty: 5,
    prompt: 'A streaming job\'s sink slows down. With a backpressure-aware engine reading from Kafka, what happens?',
    options: ['Messages are dropped at the source', 'Kafka deletes unread messages immediately', 'Upstream operators slow down, the job reads less and consumer lag grows until the sink recovers or is scaled', 'The job switches to batch mode'],
    correctIndex: 2,
    explanation: 'Backpressure propagates to the source; data stays in Kafka, so lag (bounded by retention) is the visible symptom.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'de-exp-code-1', topic: 'streaming', difficulty: 4,
    title: 'Event-time windows with a watermark',
    statement: 'Events `{ ts }` (event time, milliseconds) arrive in the order given. Use tumbling windows of `windowMs`: an event belongs to the window starting at `Math.floor(ts / windowMs) * windowMs`. Maintain a watermark equal to the largest ts accepted so far minus `allowedLatenessMs` (minus infinity before any event). When an event arrives, compare against the watermark as it was before this event: if its window end (start + windowMs) is less than or equal to the watermark, the event is late and is dropped; otherwise count it in its window and update the watermark. Return `{ windows: { start, count }[] sorted by start, late: number of dropped events }`.',
    functionName: 'eventTimeWindows',
    signature: 'function eventTimeWindows(events: { ts: number }[], windowMs: number, allowedLatenessMs: number): { windows: { start: number; count: number }[]; late: number }',
    starterCode: 'type WindowResult = { windows: { start: number; count: number }[]; late: number };\n\nfunction eventTimeWindows(events: { ts: number }[], windowMs: number, allowedLatenessMs: number): WindowResult {\n  // your code here\n  return { windows: [], late: 0 };\n}\n',
    referenceSolution: `function eventTimeWindows(events, windowMs, allowedLatenessMs) {
  let maxTs = -Infinity;
  let late = 0;
  const counts = new Map();
  for (const e of events) {
    const start = Math.floor(e.ts / windowMs) * windowMs;
    if (start + windowMs <= maxTs - allowedLatenessMs) { late++; continue; }
    counts.set(start, (counts.get(start) || 0) + 1);
    if (e.ts > maxTs) maxTs = e.ts;
  }
  const windows = [...counts].sort((a, b) => a[0] - b[0]).map(([start, count]) => ({ start, count }));
  return { windows, late };
}`,
    exampleTests: [
      {
        args: [[{ ts: 1 }, { ts: 12 }, { ts: 8 }, { ts: 25 }, { ts: 9 }, { ts: 14 }], 10, 5],
        expected: { windows: [{ start: 0, count: 2 }, { start: 10, count: 1 }, { start: 20, count: 1 }], late: 2 },
      },
    ],
    hiddenTests: [
      { args: [[], 10, 5], expected: { windows: [], late: 0 }, description: 'no events' },
      {
        args: [[{ ts: 0 }, { ts: 5 }, { ts: 10 }, { ts: 15 }], 10, 0],
        expected: { windows: [{ start: 0, count: 2 }, { start: 10, count: 2 }], late: 0 },
        description: 'in order, nothing late',
      },
      {
        args: [[{ ts: 20 }, { ts: 9 }, { ts: 10 }], 10, 0],
        expected: { windows: [{ start: 20, count: 1 }], late: 2 },
        description: 'window end equal to the watermark is late',
      },
      {
        args: [[{ ts: 100 }, { ts: 3 }, { ts: 50 }], 10, 1000],
        expected: { windows: [{ start: 0, count: 1 }, { start: 50, count: 1 }, { start: 100, count: 1 }], late: 0 },
        description: 'large allowed lateness accepts everything',
      },
    ],
    timeLimitSec: 1500,
  },
  {
    kind: 'coding', id: 'de-exp-code-2', topic: 'storage-formats', difficulty: 4,
    title: 'Plan small-file compaction',
    statement: 'Plan compaction of a table\'s files `{ name, bytes }` into groups of at most `targetBytes`, using first-fit decreasing. Files with bytes >= targetBytes are already large enough and are left out. Sort the remaining files by bytes descending, ties by name ascending; put each file into the first group (in creation order) whose total plus the file stays <= targetBytes, otherwise open a new group. Groups containing a single file are dropped, since there is nothing to merge. Return the groups as arrays of file names in placement order.',
    functionName: 'planCompaction',
    signature: 'function planCompaction(files: { name: string; bytes: number }[], targetBytes: number): string[][]',
    starterCode: 'function planCompaction(files: { name: string; bytes: number }[], targetBytes: number): string[][] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function planCompaction(files, targetBytes) {
  const candidates = files
    .filter((f) => f.bytes < targetBytes)
    .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const groups = [];
  for (const f of candidates) {
    const group = groups.find((g) => g.total + f.bytes <= targetBytes);
    if (group) { group.total += f.bytes; group.names.push(f.name); }
    else groups.push({ total: f.bytes, names: [f.name] });
  }
  return groups.filter((g) => g.names.length > 1).map((g) => g.names);
}`,
    exampleTests: [
      {
        args: [[{ name: 'a', bytes: 60 }, { name: 'b', bytes: 30 }, { name: 'c', bytes: 50 }, { name: 'd', bytes: 20 }, { name: 'e', bytes: 40 }], 100],
        expected: [['a', 'e'], ['c', 'b', 'd']],
      },
    ],
    hiddenTests: [
      { args: [[], 100], expected: [], description: 'no files' },
      { args: [[{ name: 'x', bytes: 150 }, { name: 'y', bytes: 100 }, { name: 'z', bytes: 10 }], 100], expected: [], description: 'large files skipped; single small file not compacted' },
      { args: [[{ name: 'f2', bytes: 50 }, { name: 'f1', bytes: 50 }, { name: 'f3', bytes: 50 }], 100], expected: [['f1', 'f2']], description: 'ties by name; leftover singleton dropped' },
      { args: [[{ name: 'p', bytes: 10 }, { name: 'q', bytes: 10 }, { name: 'r', bytes: 10 }, { name: 's', bytes: 95 }], 100], expected: [['p', 'q', 'r']], description: 'big file alone is dropped' },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'de-exp-code-3', topic: 'streaming', difficulty: 5,
    title: 'Apply messages in offset order',
    statement: 'Messages `{ partition, offset, value }` are delivered at least once and possibly out of order. For each partition, offsets start at 0 and values must be applied in strict offset order. Keep a next expected offset per partition. A message whose offset is below it is a duplicate and is ignored. A message at exactly that offset is applied, after which any buffered messages with the following consecutive offsets are applied too. A message above it is buffered (a second copy of an already buffered offset is ignored). Return `{ applied: values in the order applied, nextOffsets: { [partition]: next expected offset } for every partition seen, buffered: number of messages still waiting }`.',
    functionName: 'applyInOrder',
    signature: 'function applyInOrder(messages: { partition: number; offset: number; value: string }[]): { applied: string[]; nextOffsets: Record<string, number>; buffered: number }',
    starterCode: 'type Message = { partition: number; offset: number; value: string };\ntype ApplyResult = { applied: string[]; nextOffsets: Record<string, number>; buffered: number };\n\nfunction applyInOrder(messages: Message[]): ApplyResult {\n  // your code here\n  return { applied: [], nextOffsets: {}, buffered: 0 };\n}\n',
    referenceSolution: `function applyInOrder(messages) {
  const next = {};
  const pending = new Map();
  const applied = [];
  for (const m of messages) {
    const p = m.partition;
    if (!pending.has(p)) { next[p] = 0; pending.set(p, new Map()); }
    const waiting = pending.get(p);
    if (m.offset < next[p] || waiting.has(m.offset)) continue;
    if (m.offset > next[p]) { waiting.set(m.offset, m.value); continue; }
    applied.push(m.value);
    next[p]++;
    while (waiting.has(next[p])) {
      applied.push(waiting.get(next[p]));
      waiting.delete(next[p]);
      next[p]++;
    }
  }
  let buffered = 0;
  for (const waiting of pending.values()) buffered += waiting.size;
  return { applied, nextOffsets: next, buffered };
}`,
    exampleTests: [
      {
        args: [[{ partition: 0, offset: 0, value: 'a' }, { partition: 0, offset: 2, value: 'c' }, { partition: 0, offset: 1, value: 'b' }, { partition: 0, offset: 1, value: 'b' }]],
        expected: { applied: ['a', 'b', 'c'], nextOffsets: { 0: 3 }, buffered: 0 },
      },
    ],
    hiddenTests: [
      { args: [[]], expected: { applied: [], nextOffsets: {}, buffered: 0 }, description: 'nothing delivered' },
      {
        args: [[
          { partition: 1, offset: 0, value: 'x0' }, { partition: 0, offset: 1, value: 'a1' }, { partition: 1, offset: 1, value: 'x1' },
          { partition: 0, offset: 1, value: 'a1' }, { partition: 1, offset: 0, value: 'x0' }, { partition: 0, offset: 3, value: 'a3' },
        ]],
        expected: { applied: ['x0', 'x1'], nextOffsets: { 0: 0, 1: 2 }, buffered: 2 },
        description: 'two partitions; gap keeps partition 0 waiting',
      },
      {
        args: [[
          { partition: 0, offset: 0, value: 'a' }, { partition: 0, offset: 1, value: 'b' }, { partition: 0, offset: 0, value: 'a' },
          { partition: 0, offset: 1, value: 'b' }, { partition: 0, offset: 2, value: 'c' },
        ]],
        expected: { applied: ['a', 'b', 'c'], nextOffsets: { 0: 3 }, buffered: 0 },
        description: 'replay after a restart',
      },
      {
        args: [[{ partition: 2, offset: 3, value: 'd' }, { partition: 2, offset: 2, value: 'c' }, { partition: 2, offset: 1, value: 'b' }, { partition: 2, offset: 0, value: 'a' }]],
        expected: { applied: ['a', 'b', 'c', 'd'], nextOffsets: { 2: 4 }, buffered: 0 },
        description: 'fully reversed delivery drains the buffer',
      },
    ],
    timeLimitSec: 1500,
  },
]);

/** Curated questions for the data-engineer archetype. Items may also be tagged with related archetypes. */
export const DATA_ENGINEER_BANK: BankItem[] = [...STANDARD, ...ADVANCED, ...EXPERT];
