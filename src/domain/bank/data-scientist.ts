import type { BankItem } from './bank-item';
import { scopedFor } from './scoped';

const scoped = scopedFor('data-scientist');

/** Model-evaluation items that are just as fair to ask an ML engineer. */
const WITH_MLE: BankItem['archetypes'] = ['data-scientist', 'ml-engineer'];

// Topics: statistics, experimentation, modeling, model-evaluation, feature-engineering, causal-inference.

const STANDARD = scoped('standard', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'ds-std-spk-01', topic: 'statistics', difficulty: 2,
    prompt: 'Explain what a p-value is to a product manager, including what it is not.',
    referenceAnswer: 'A p-value is the probability of seeing a result at least as extreme as the one observed if the null hypothesis were true, for example if the new feature had no effect. A small p-value means the data would be surprising under no effect, so we reject the null at our chosen significance level, often 0.05. It is not the probability that the null hypothesis is true, and significance is not importance: judge that from the effect size and its confidence interval.',
    keyConcepts: ['null hypothesis', 'at least as extreme', 'significance level', 'not the probability', 'effect size'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-02', topic: 'statistics', difficulty: 2,
    prompt: 'What are type I and type II errors, and how do significance level and power relate to them?',
    referenceAnswer: 'A type I error is a false positive: rejecting the null hypothesis when there is no real effect; its probability is the significance level alpha. A type II error is a false negative: failing to detect a real effect; its probability is beta, and power is one minus beta. For a fixed sample size, lowering alpha raises beta; a larger sample or a larger true effect increases power.',
    keyConcepts: ['false positive', 'false negative', 'alpha', 'power', 'sample size'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-03', topic: 'statistics', difficulty: 1,
    prompt: 'When would you report the median rather than the mean?',
    referenceAnswer: 'The mean is pulled by outliers and long tails, while the median is the middle value and is robust to them. For skewed distributions such as income, house prices, session length or order value, the median better describes a typical case. I would often report both, and percentiles, because the gap between mean and median itself tells you the data is skewed.',
    keyConcepts: ['outliers', 'skewed', 'robust', 'typical value', 'percentiles'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-04', topic: 'statistics', difficulty: 2,
    prompt: 'State the central limit theorem and explain why it matters in practice.',
    referenceAnswer: 'The central limit theorem says that the distribution of the mean of many independent, identically distributed observations with finite variance approaches a normal distribution as the sample size grows, whatever the shape of the underlying distribution. It is why we can build confidence intervals and z or t tests on sample means, for example on conversion rates in an A/B test, even though individual observations are not normal. With heavy tails it needs larger samples.',
    keyConcepts: ['sample mean', 'normal distribution', 'sample size', 'independent', 'confidence intervals'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-05', topic: 'modeling', difficulty: 2,
    prompt: 'Explain the bias-variance trade-off.',
    referenceAnswer: 'Prediction error on new data comes from bias, the error of systematically wrong assumptions such as a too simple model, variance, the sensitivity of the model to the particular training sample, and irreducible noise. Simple models underfit with high bias; very flexible models overfit with high variance. Increasing model complexity lowers bias but raises variance, so we tune complexity with regularization and validation data to minimize total error.',
    keyConcepts: ['bias', 'variance', 'underfitting', 'overfitting', 'model complexity'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-06', topic: 'model-evaluation', difficulty: 2,
    prompt: 'Explain precision and recall, and give an example where you would favor each.',
    referenceAnswer: 'Precision is the share of predicted positives that are truly positive; recall is the share of actual positives that the model finds. Raising the decision threshold usually increases precision and lowers recall. Favor recall when false negatives are costly, such as screening for a serious disease or fraud that will be reviewed by humans; favor precision when false positives are costly, such as automatically blocking user accounts.',
    keyConcepts: ['precision', 'recall', 'false positives', 'false negatives', 'threshold'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-07', topic: 'model-evaluation', difficulty: 2,
    prompt: 'What is k-fold cross-validation and why use it instead of a single train/test split?',
    referenceAnswer: 'The data is split into k folds; the model is trained on k minus one folds and evaluated on the held-out fold, k times, and the scores are averaged. Every observation is used for validation once, so the estimate of generalization performance is less dependent on one lucky or unlucky split and we also see its variance. It is used for model selection and tuning, with a final untouched test set for the last estimate.',
    keyConcepts: ['k folds', 'held out', 'average', 'variance of the estimate', 'model selection'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-08', topic: 'feature-engineering', difficulty: 2,
    prompt: 'How do you handle missing values in a dataset before modeling?',
    referenceAnswer: 'First understand why values are missing: completely at random, dependent on other features, or informative in itself. Options are dropping rows or columns when little is missing, imputing with the median, mode or a model-based estimate, and adding a missing indicator so the model can learn from missingness. Imputation statistics must be fit on the training data only to avoid leakage. Some models like gradient boosted trees handle missing values natively.',
    keyConcepts: ['why values are missing', 'imputation', 'missing indicator', 'training data only', 'drop'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-09', topic: 'feature-engineering', difficulty: 2,
    prompt: 'How would you encode a categorical feature with a few values, and one with tens of thousands of values?',
    referenceAnswer: 'For a few values, one-hot encoding works well and is easy to interpret. For high cardinality, one-hot creates huge sparse matrices and rare categories, so I would use target encoding with smoothing computed out of fold to avoid leakage, frequency encoding, the hashing trick, learned embeddings, or grouping rare values into an other bucket. Tree models can also use ordinal or native categorical handling.',
    keyConcepts: ['one hot encoding', 'high cardinality', 'target encoding', 'leakage', 'hashing'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-10', topic: 'modeling', difficulty: 2,
    prompt: 'How does logistic regression differ from linear regression, and how do you interpret its coefficients?',
    referenceAnswer: 'Linear regression predicts a continuous value. Logistic regression is used for classification: it predicts the probability of a binary outcome: it models the log odds as a linear function of the features and passes it through the sigmoid to get a probability between zero and one, and it is fit by maximum likelihood. A coefficient is the change in log odds for a one-unit increase in the feature; exponentiating it gives an odds ratio.',
    keyConcepts: ['probability', 'log odds', 'sigmoid', 'odds ratio', 'classification'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-11', topic: 'experimentation', difficulty: 2,
    prompt: 'Walk me through how you would set up an A/B test for a new checkout button.',
    referenceAnswer: 'Start with a hypothesis and one primary metric, such as checkout conversion, plus guardrail metrics like revenue per user and errors. Choose the randomization unit, usually the user, and compute the sample size from the baseline rate, the minimum detectable effect, significance level and power, which gives the duration; run full weeks to cover weekly cycles. Check that the split is balanced, do not stop early on peeks, then analyze the primary metric with a pre-registered test.',
    keyConcepts: ['hypothesis', 'primary metric', 'randomization', 'sample size', 'duration'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-12', topic: 'causal-inference', difficulty: 2,
    prompt: 'Users who use feature X retain better. Does feature X cause retention? How would you find out?',
    referenceAnswer: 'Not necessarily: correlation is not causation. Engaged users are more likely both to discover the feature and to retain, so engagement is a confounder; users select themselves into using the feature, which is selection bias, and there may be reverse causation. The cleanest answer is a randomized experiment, for example promoting the feature to a random half of users. If that is impossible, use causal inference methods that control for confounders, such as matching on pre-period engagement, and state the assumptions.',
    keyConcepts: ['correlation', 'confounder', 'selection bias', 'randomized experiment', 'causal'],
  },
  {
    kind: 'spoken', id: 'ds-std-spk-13', topic: 'modeling', difficulty: 3,
    prompt: 'Compare L1 and L2 regularization.',
    referenceAnswer: 'Both add a penalty on coefficient size to the loss to reduce overfitting. L2, ridge, penalizes the sum of squared coefficients and shrinks them smoothly towards zero, which handles correlated features well. L1, lasso, penalizes the sum of absolute values and drives some coefficients exactly to zero, giving sparse models and feature selection. Elastic net combines both. Features must be on comparable scales for the penalty to be fair.',
    keyConcepts: ['penalty', 'shrink coefficients', 'sparse', 'feature selection', 'overfitting'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'ds-std-mcq-01', topic: 'statistics', difficulty: 2,
    prompt: 'A test gives p = 0.03 with alpha = 0.05. Which statement is correct?',
    options: ['There is a 3% chance the null hypothesis is true', 'There is a 97% chance the treatment works', 'If there were no effect, a result at least this extreme would occur about 3% of the time, so we reject the null at the 5% level', 'The effect is large'],
    correctIndex: 2,
    explanation: 'The p-value is computed assuming the null is true; it is not the probability of a hypothesis and says nothing about effect size.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-02', topic: 'statistics', difficulty: 1,
    prompt: 'Which summary is most robust to a few extreme outliers?',
    options: ['Median', 'Mean', 'Standard deviation', 'Range'],
    correctIndex: 0,
    explanation: 'The median depends only on the middle of the ordered data; the others move with extreme values.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-03', topic: 'statistics', difficulty: 2,
    prompt: 'How does the standard error of a sample mean change when the sample size is multiplied by 4?',
    options: ['It is divided by 4', 'It doubles', 'It does not change', 'It is halved'],
    correctIndex: 3,
    explanation: 'The standard error is sigma divided by the square root of n, so 4 times the data halves it.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-04', topic: 'statistics', difficulty: 3,
    prompt: 'What is the correct interpretation of a 95% confidence interval?',
    options: ['95% of the data lies inside the interval', 'If we repeated the sampling many times, about 95% of intervals built this way would contain the true parameter', 'There is a 95% probability that the sample mean is in the interval', 'The parameter changes 5% of the time'],
    correctIndex: 1,
    explanation: 'The 95% describes the procedure over repeated samples; a specific computed interval either contains the parameter or not.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-05', topic: 'statistics', difficulty: 1,
    prompt: 'What is a type II error?',
    options: ['Rejecting a true null hypothesis', 'Using the wrong test statistic', 'Failing to reject a false null hypothesis (missing a real effect)', 'Computing the p-value twice'],
    correctIndex: 2,
    explanation: 'Type I is a false positive; type II is a false negative, whose probability is 1 minus power.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-06', topic: 'experimentation', difficulty: 2,
    prompt: 'Which change increases the statistical power of an A/B test, all else equal?',
    options: ['A smaller sample', 'A lower significance level alpha', 'A smaller true effect', 'A larger sample size'],
    correctIndex: 3,
    explanation: 'More data shrinks the standard error, making a given true effect easier to detect.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-07', topic: 'model-evaluation', difficulty: 1,
    prompt: 'In a dataset where 1% of cases are fraud, a model predicts "not fraud" for everything. What is its accuracy?',
    options: ['99%, which shows accuracy is misleading here', '1%', '50%', 'It cannot be computed'],
    correctIndex: 0,
    explanation: 'With heavy class imbalance, use precision, recall, PR-AUC or cost-based metrics instead of accuracy.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-08', topic: 'model-evaluation', difficulty: 1,
    prompt: 'What is precision?',
    options: ['TP / (TP + FN)', 'TP / (TP + FP)', '(TP + TN) / all predictions', 'TN / (TN + FP)'],
    correctIndex: 1,
    explanation: 'Precision is the share of positive predictions that are correct. TP/(TP+FN) is recall; TN/(TN+FP) is specificity.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-09', topic: 'feature-engineering', difficulty: 2,
    prompt: 'Which of these is data leakage?',
    options: ['Using one-hot encoding', 'Removing duplicate rows', 'Standardizing features using the mean and standard deviation of the whole dataset, test set included, before splitting', 'Training with a fixed random seed'],
    correctIndex: 2,
    explanation: 'Statistics computed on the test set leak information into training; fit preprocessing on the training split only.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-10', topic: 'modeling', difficulty: 1,
    prompt: 'Training error keeps falling while validation error starts rising. What is happening?',
    options: ['Underfitting', 'The learning rate is too small', 'The validation set is too large', 'Overfitting'],
    correctIndex: 3,
    explanation: 'The model is fitting noise in the training data; regularize, simplify, stop early or add data.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-11', topic: 'model-evaluation', difficulty: 2,
    prompt: 'You forecast daily sales. How should you cross-validate?',
    options: ['Time-based splits: train on the past and validate on the following period, rolling forward', 'Random k-fold with shuffling', 'Leave-one-out on random days', 'Validate on the training data'],
    correctIndex: 0,
    explanation: 'Shuffling lets the model see the future and inflates scores; validation must respect time order.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-12', topic: 'feature-engineering', difficulty: 2,
    prompt: 'For which model does scaling the features matter the most?',
    options: ['Random forest', 'k-nearest neighbours', 'Gradient boosted trees', 'A single decision tree'],
    correctIndex: 1,
    explanation: 'Distance-based models are dominated by features with large ranges; tree splits are invariant to monotonic scaling.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-13', topic: 'feature-engineering', difficulty: 2,
    prompt: 'What is the main problem with one-hot encoding a feature that has 50,000 distinct values?',
    options: ['It changes the target', 'It only works for numeric features', 'It creates a very wide, sparse matrix with many rare columns that are hard to learn from', 'It loses the order of rows'],
    correctIndex: 2,
    explanation: 'High cardinality calls for hashing, target encoding with care, frequency encoding or embeddings.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-14', topic: 'modeling', difficulty: 2,
    prompt: 'What does logistic regression model as a linear function of the features?',
    options: ['The probability directly', 'The class label', 'The squared error', 'The log odds of the positive class'],
    correctIndex: 3,
    explanation: 'log(p / (1 - p)) = w·x + b; the sigmoid turns it into a probability.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-15', topic: 'modeling', difficulty: 2,
    prompt: 'Which regularization tends to set some coefficients exactly to zero?',
    options: ['L1 (lasso)', 'L2 (ridge)', 'Dropout', 'Early stopping'],
    correctIndex: 0,
    explanation: 'The absolute-value penalty has a corner at zero, giving sparse solutions; L2 shrinks without zeroing.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-16', topic: 'model-evaluation', difficulty: 1,
    prompt: 'A classifier has ROC AUC = 0.5. What does that mean?',
    options: ['It is right half of the time', 'It ranks a random positive above a random negative no better than chance', 'It is perfectly calibrated', 'Its precision is 0.5'],
    correctIndex: 1,
    explanation: 'AUC is the probability that a random positive is scored above a random negative; 0.5 means no ranking ability.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-17', topic: 'statistics', difficulty: 3,
    prompt: 'Treatment A has a higher success rate than B in every hospital, yet B looks better when all hospitals are pooled. What is this called?',
    options: ['Regression to the mean', 'Survivorship bias', 'Simpson\'s paradox', 'The law of large numbers'],
    correctIndex: 2,
    explanation: 'Group sizes differ across a confounding variable (e.g. case severity), so the aggregate reverses the within-group trend.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-18', topic: 'causal-inference', difficulty: 1,
    prompt: 'Ice cream sales and drownings rise together. What best explains it?',
    options: ['Ice cream causes drowning', 'Drowning causes ice cream sales', 'Pure coincidence', 'Hot weather is a confounder that drives both'],
    correctIndex: 3,
    explanation: 'A common cause creates correlation without either variable causing the other.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-19', topic: 'statistics', difficulty: 2,
    prompt: 'A table has exactly one row per day. Which expression gives a 7-day rolling average of revenue?',
    options: ['AVG(revenue) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)', 'AVG(revenue) GROUP BY day', 'AVG(revenue) OVER (PARTITION BY day)', 'SUM(revenue) / 7'],
    correctIndex: 0,
    explanation: 'A window frame of the current row and the six before covers seven days; PARTITION BY day averages each day with itself.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-20', topic: 'experimentation', difficulty: 2,
    prompt: 'Why randomize a checkout experiment by user rather than by page view?',
    options: ['It needs fewer users', 'Each user sees a consistent experience, and observations of the user-level metric stay independent across groups', 'Page views cannot be randomized', 'It removes the need for a control group'],
    correctIndex: 1,
    explanation: 'Per-view randomization mixes experiences for one user and correlates observations, biasing variance estimates.',
  },
  {
    kind: 'mcq', id: 'ds-std-mcq-21', topic: 'statistics', difficulty: 3,
    prompt: 'A disease affects 1% of people. A test detects 99% of cases and has a 1% false positive rate. Someone tests positive. Roughly how likely are they to have the disease?',
    options: ['99%', '1%', 'About 50%', '90%'],
    correctIndex: 2,
    explanation: 'Per 10,000 people: 99 true positives and about 99 false positives (1% of 9,900), so about half of positives are real.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'ds-std-code-1', topic: 'statistics', difficulty: 1,
    title: 'Summary statistics',
    statement: 'Return `{ count, mean, median, min, max }` for an array of numbers. Mean and median are rounded to 2 decimals with `Math.round(x * 100) / 100`; the median of an even-length array is the average of the two middle values. Return null for an empty array. Sort numerically, not as strings.',
    functionName: 'describeStats',
    signature: 'function describeStats(values: number[]): { count: number; mean: number; median: number; min: number; max: number } | null',
    starterCode: 'type Summary = { count: number; mean: number; median: number; min: number; max: number };\n\nfunction describeStats(values: number[]): Summary | null {\n  // your code here\n  return null;\n}\n',
    referenceSolution: `function describeStats(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const mid = Math.floor(n / 2);
  const median = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const r = (x) => Math.round(x * 100) / 100;
  return { count: n, mean: r(mean), median: r(median), min: sorted[0], max: sorted[n - 1] };
}`,
    exampleTests: [{ args: [[3, 1, 2]], expected: { count: 3, mean: 2, median: 2, min: 1, max: 3 } }],
    hiddenTests: [
      { args: [[]], expected: null, description: 'empty' },
      { args: [[10, 2, 38, 23, 38, 23, 21]], expected: { count: 7, mean: 22.14, median: 23, min: 2, max: 38 }, description: 'rounded mean' },
      { args: [[4, 1, 3, 2]], expected: { count: 4, mean: 2.5, median: 2.5, min: 1, max: 4 }, description: 'even length' },
      { args: [[1, 2, 3, 4, 1000]], expected: { count: 5, mean: 202, median: 3, min: 1, max: 1000 }, description: 'outlier' },
      { args: [[10, 9, 100]], expected: { count: 3, mean: 39.67, median: 10, min: 9, max: 100 }, description: 'numeric sort, not string sort' },
      { args: [[-5, -1]], expected: { count: 2, mean: -3, median: -3, min: -5, max: -1 }, description: 'negatives' },
    ],
    timeLimitSec: 600,
  },
  {
    kind: 'coding', id: 'ds-std-code-2', topic: 'model-evaluation', difficulty: 2,
    archetypes: WITH_MLE,
    title: 'Binary classification metrics',
    statement: 'Given non-empty arrays `yTrue` and `yPred` of 0/1 labels of equal length, return `{ accuracy, precision, recall, f1 }`, each rounded to 3 decimals with `Math.round(x * 1000) / 1000`. Precision is 0 when there are no predicted positives, recall is 0 when there are no actual positives, and f1 is 0 when precision + recall is 0.',
    functionName: 'classificationMetrics',
    signature: 'function classificationMetrics(yTrue: number[], yPred: number[]): { accuracy: number; precision: number; recall: number; f1: number }',
    starterCode: 'type Metrics = { accuracy: number; precision: number; recall: number; f1: number };\n\nfunction classificationMetrics(yTrue: number[], yPred: number[]): Metrics {\n  // your code here\n  return { accuracy: 0, precision: 0, recall: 0, f1: 0 };\n}\n',
    referenceSolution: `function classificationMetrics(yTrue, yPred) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === 1 && yTrue[i] === 1) tp++;
    else if (yPred[i] === 1) fp++;
    else if (yTrue[i] === 1) fn++;
    else tn++;
  }
  const r3 = (x) => Math.round(x * 1000) / 1000;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { accuracy: r3((tp + tn) / yTrue.length), precision: r3(precision), recall: r3(recall), f1: r3(f1) };
}`,
    exampleTests: [{ args: [[1, 0, 1, 1, 0], [1, 0, 0, 1, 1]], expected: { accuracy: 0.6, precision: 0.667, recall: 0.667, f1: 0.667 } }],
    hiddenTests: [
      { args: [[0, 0, 1, 0], [0, 0, 0, 0]], expected: { accuracy: 0.75, precision: 0, recall: 0, f1: 0 }, description: 'no predicted positives' },
      { args: [[1, 1, 0], [1, 1, 0]], expected: { accuracy: 1, precision: 1, recall: 1, f1: 1 }, description: 'perfect' },
      {
        args: [[1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 1, 1, 0, 0, 0, 0]],
        expected: { accuracy: 0.5, precision: 0.333, recall: 0.25, f1: 0.286 },
        description: 'f1 is the harmonic mean',
      },
      { args: [[0, 0], [1, 0]], expected: { accuracy: 0.5, precision: 0, recall: 0, f1: 0 }, description: 'no actual positives' },
    ],
    timeLimitSec: 600,
  },
  {
    kind: 'coding', id: 'ds-std-code-3', topic: 'statistics', difficulty: 2,
    title: 'Pearson correlation',
    statement: 'Return the Pearson correlation coefficient of two equal-length numeric arrays, rounded to 3 decimals with `Math.round(r * 1000) / 1000`. Return null when there are fewer than two points or when either array has zero variance.',
    functionName: 'pearson',
    signature: 'function pearson(x: number[], y: number[]): number | null',
    starterCode: 'function pearson(x: number[], y: number[]): number | null {\n  // your code here\n  return null;\n}\n',
    referenceSolution: `function pearson(x, y) {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.round((sxy / Math.sqrt(sxx * syy)) * 1000) / 1000;
}`,
    exampleTests: [{ args: [[1, 2, 3, 4], [2, 4, 6, 8]], expected: 1 }],
    hiddenTests: [
      { args: [[1, 2, 3], [3, 2, 1]], expected: -1, description: 'perfect negative' },
      { args: [[1, 2, 3], [5, 5, 5]], expected: null, description: 'zero variance' },
      { args: [[7], [1]], expected: null, description: 'single point' },
      { args: [[1, 2, 3, 4, 5], [2, 1, 4, 3, 5]], expected: 0.8, description: 'partial correlation' },
      { args: [[1, 2, 3, 4, 5], [1, 4, 9, 16, 25]], expected: 0.981, description: 'non-linear but monotonic' },
    ],
    timeLimitSec: 600,
  },
]);

const ADVANCED = scoped('advanced', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'ds-adv-spk-01', topic: 'experimentation', difficulty: 3,
    prompt: 'What determines the sample size of an A/B test, and how would you explain the trade-offs to a stakeholder who wants results in a week?',
    referenceAnswer: 'Sample size depends on the baseline rate and variance of the metric, the minimum detectable effect, the significance level and the desired power. Required sample grows with variance and with the inverse square of the effect, so halving the detectable effect needs about four times the users. If a week is not enough, the options are accepting a larger minimum detectable effect, lower power, a more sensitive metric, or variance reduction such as CUPED, rather than stopping early.',
    keyConcepts: ['minimum detectable effect', 'baseline rate', 'variance', 'power', 'significance level'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-02', topic: 'experimentation', difficulty: 3,
    prompt: 'What is the peeking problem in A/B testing, and how can you monitor an experiment safely?',
    referenceAnswer: 'Peeking means checking results repeatedly and stopping early. A fixed-horizon test controls the false positive rate only if you look once at the planned sample size. Checking the p-value every day and stopping the first time it drops below 0.05 gives many chances to cross the threshold by noise, so the real false positive rate is far above five percent. To monitor safely use sequential testing methods, such as group sequential designs with alpha spending or always-valid p-values, or only monitor guardrails and decide at the planned horizon.',
    keyConcepts: ['peeking', 'false positive rate', 'fixed horizon', 'sequential testing', 'alpha spending'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-03', topic: 'experimentation', difficulty: 3,
    prompt: 'An experiment reports 20 metrics and two are significant at 0.05. How do you interpret this, and how do you correct for multiple comparisons?',
    referenceAnswer: 'With twenty independent metrics and no real effects, about one would be significant at 0.05 by chance, so two significant results are weak evidence: this is the multiple comparisons problem. Ideally one primary metric is decided in advance. Otherwise correct: Bonferroni or Holm control the family-wise error rate, the chance of any false positive, and are conservative; Benjamini-Hochberg controls the false discovery rate, the expected share of false positives among discoveries, and keeps more power.',
    keyConcepts: ['multiple comparisons', 'primary metric', 'Bonferroni', 'family-wise error rate', 'false discovery rate'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-04', topic: 'model-evaluation', difficulty: 3,
    archetypes: WITH_MLE,
    prompt: 'On a dataset with 0.5% positives, why might ROC AUC look great while the model is useless in practice? What would you look at instead?',
    referenceAnswer: 'Under heavy class imbalance, ROC AUC uses the false positive rate, which divides by the huge number of negatives, so even a small rate means many false positives in absolute terms compared with the few true positives; AUC can be 0.95 while precision at a usable threshold is poor. The precision-recall curve and PR AUC focus on the positive class, and a random model\'s PR AUC equals the prevalence, which gives an honest baseline. I would also check precision and recall at the operating threshold and the business cost.',
    keyConcepts: ['class imbalance', 'false positive rate', 'precision recall curve', 'baseline', 'operating threshold'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-05', topic: 'model-evaluation', difficulty: 3,
    archetypes: WITH_MLE,
    prompt: 'What does it mean for a classifier to be well calibrated, how do you check it, and how can you fix it?',
    referenceAnswer: 'A model is calibrated when, among cases given a predicted probability of, say, 0.2, about twenty percent are actually positive. Check with a reliability diagram that bins predictions and compares mean predicted probability to observed frequency, and with metrics like the Brier score or expected calibration error. Fix it by fitting Platt scaling, a logistic regression on the scores, or isotonic regression on held-out data. Calibration matters when probabilities drive decisions or are combined with costs.',
    keyConcepts: ['predicted probability', 'observed frequency', 'reliability diagram', 'Platt scaling', 'isotonic regression'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-06', topic: 'modeling', difficulty: 3,
    prompt: 'Compare random forests and gradient boosting. When would you pick each?',
    referenceAnswer: 'A random forest trains many deep trees independently on bootstrap samples with random feature subsets and averages them; bagging mainly reduces variance, it is robust and needs little tuning. Gradient boosting adds shallow trees sequentially, each fitting the residual errors or gradients of the current ensemble; it reduces bias and usually wins on tabular data but needs tuning of learning rate, number of trees and depth, and needs early stopping to avoid overfitting. Pick a forest for a quick strong baseline, boosting for best accuracy.',
    keyConcepts: ['bagging', 'boosting', 'variance', 'bias', 'learning rate', 'early stopping'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-07', topic: 'feature-engineering', difficulty: 4,
    prompt: 'How does target encoding leak information, and how do you implement it safely?',
    referenceAnswer: 'Target encoding replaces a category with the mean target for that category. If the mean includes the row\'s own target, the feature contains the label, which is target leakage, especially for rare categories, and the model overfits badly. Safe implementation computes the encoding out of fold, so each row\'s value comes from other folds, adds smoothing towards the global mean for rare categories, and at prediction time uses only statistics from training data available before the prediction time.',
    keyConcepts: ['target leakage', 'out of fold', 'smoothing', 'rare categories', 'prediction time'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-08', topic: 'statistics', difficulty: 3,
    prompt: 'Explain the bootstrap and when you would use it.',
    referenceAnswer: 'The bootstrap estimates the sampling distribution of a statistic by repeatedly resampling the observed data with replacement, at the same size, and recomputing the statistic each time. The spread of those values gives a standard error, and percentiles give a confidence interval. It is useful for statistics without a simple formula, such as a median, a ratio or a model metric, and for non-normal data. It assumes independent observations, so clustered data needs block or cluster bootstrap.',
    keyConcepts: ['resampling with replacement', 'sampling distribution', 'confidence interval', 'standard error', 'independent observations'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-09', topic: 'statistics', difficulty: 3,
    prompt: 'Contrast the frequentist and Bayesian approaches to analyzing an A/B test.',
    referenceAnswer: 'The frequentist approach treats the effect as fixed and asks how surprising the data are under the null hypothesis, giving p-values and confidence intervals with long-run error guarantees. The Bayesian approach puts a prior distribution on the effect and updates it with the data into a posterior, giving direct statements such as the probability that B beats A, credible intervals and expected loss. Bayesian results depend on the prior, and continuous monitoring still needs care.',
    keyConcepts: ['prior', 'posterior', 'credible interval', 'probability that B beats A', 'p-values'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-10', topic: 'experimentation', difficulty: 3,
    prompt: 'What are novelty and primacy effects in experiments, and how do you detect them?',
    referenceAnswer: 'A novelty effect is when users engage more with a change just because it is new, so the lift fades over time; a primacy effect is the opposite, users resist change at first and the effect improves as they adapt. Detect them by plotting the treatment effect over time and by comparing new users, who have no old habit, with existing users. Running longer or keeping a long-term holdout gives the durable effect.',
    keyConcepts: ['novelty effect', 'primacy effect', 'effect over time', 'new users', 'long-term holdout'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-11', topic: 'modeling', difficulty: 3,
    prompt: 'You are building a model where positives are 1% of the data. What techniques do you consider, and what do they do to predicted probabilities?',
    referenceAnswer: 'First choose the right metric, such as PR AUC or recall at a fixed precision, and tune the decision threshold instead of using 0.5. Then class weights in the loss or resampling, undersampling negatives or oversampling positives, help the model pay attention to the minority class, and focal loss is an option for deep models. Reweighting or resampling shifts predicted probabilities away from the true base rate, so recalibrate on untouched validation data if probabilities are used.',
    keyConcepts: ['metric', 'threshold', 'class weights', 'resampling', 'recalibrate'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-12', topic: 'statistics', difficulty: 3,
    prompt: 'What are the key assumptions of ordinary least squares regression, and what happens when they are violated?',
    referenceAnswer: 'Linearity in the parameters, independent errors, constant error variance which is homoscedasticity, no perfect multicollinearity, errors with zero mean given the features, and for small-sample inference normally distributed errors. Violations: nonlinearity biases predictions; heteroscedasticity or correlated errors make standard errors wrong, fixed with robust or clustered standard errors; multicollinearity inflates coefficient variance; omitted confounders bias the coefficients.',
    keyConcepts: ['linearity', 'independent errors', 'homoscedasticity', 'multicollinearity', 'robust standard errors'],
  },
  {
    kind: 'spoken', id: 'ds-adv-spk-13', topic: 'model-evaluation', difficulty: 3,
    prompt: 'How do you explain a tree ensemble\'s predictions to stakeholders, and what are the pitfalls of feature importance?',
    referenceAnswer: 'Globally I use permutation importance on held-out data or mean absolute SHAP values, and partial dependence plots for the shape of effects; locally, SHAP values show each feature\'s contribution to one prediction. Pitfalls: impurity-based importance is biased towards high-cardinality features, correlated features share or split importance so each looks less important, and importance describes the model, not causal effects in the world.',
    keyConcepts: ['SHAP values', 'permutation importance', 'correlated features', 'high cardinality', 'not causal'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'ds-adv-mcq-01', topic: 'experimentation', difficulty: 3,
    prompt: 'You halve the minimum detectable effect of an A/B test, keeping alpha, power and variance fixed. Roughly how does the required sample size change?',
    options: ['It halves', 'It doubles', 'It stays the same', 'It quadruples'],
    correctIndex: 3,
    explanation: 'n is proportional to variance divided by the effect squared, so half the effect needs about four times the sample.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-02', topic: 'experimentation', difficulty: 3,
    prompt: 'An analyst checks an A/B test daily and stops as soon as p < 0.05. What is the effect?',
    options: ['The false positive rate rises well above 5%', 'Power falls to zero', 'Nothing, as long as the test is two-sided', 'The confidence interval becomes wider than planned'],
    correctIndex: 0,
    explanation: 'Each look is another chance to cross the threshold by noise; use sequential methods if you need to peek.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-03', topic: 'experimentation', difficulty: 2,
    prompt: 'You run 10 tests and want a family-wise error rate of 0.05 with Bonferroni. What per-test threshold do you use?',
    options: ['0.05', '0.005', '0.5', '0.0005'],
    correctIndex: 1,
    explanation: 'Bonferroni divides alpha by the number of tests: 0.05 / 10.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-04', topic: 'experimentation', difficulty: 3,
    prompt: 'What does the Benjamini-Hochberg procedure control?',
    options: ['The family-wise error rate', 'The power of each test', 'The false discovery rate: the expected share of false positives among rejected hypotheses', 'The type II error rate'],
    correctIndex: 2,
    explanation: 'FDR control is less conservative than FWER control, which suits screening many metrics or segments.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-05', topic: 'statistics', difficulty: 2,
    prompt: 'When should you prefer Welch\'s t-test over Student\'s t-test?',
    options: ['When the samples are paired', 'When the data are categorical', 'When there are more than two groups', 'When the two groups may have unequal variances'],
    correctIndex: 3,
    explanation: 'Welch\'s test does not assume equal variances and is a safe default for two independent groups.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-06', topic: 'experimentation', difficulty: 3,
    prompt: 'What does CUPED do in an online experiment?',
    options: ['It reduces metric variance by adjusting for a pre-experiment covariate, such as the same metric before the test', 'It removes outliers from the treatment group', 'It increases the effect size', 'It rebalances groups after randomization'],
    correctIndex: 0,
    explanation: 'Because the covariate is independent of treatment assignment, the adjustment keeps the estimate unbiased while shrinking variance.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-07', topic: 'experimentation', difficulty: 3,
    prompt: 'A 50/50 test assigned 508,000 users to control and 492,000 to treatment. What should you do?',
    options: ['Analyze as usual; the difference is small', 'Reweight the groups to 50/50', 'Treat it as a sample ratio mismatch and investigate assignment or logging before trusting any result', 'Drop 16,000 control users at random'],
    correctIndex: 2,
    explanation: 'A chi-square test gives about 256 with 1 degree of freedom, an astronomically small p-value; the split points to a bug.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-08', topic: 'modeling', difficulty: 2,
    prompt: 'What mainly makes a random forest generalize better than a single deep tree?',
    options: ['Each tree is pruned to depth 1', 'Averaging many decorrelated trees (bootstrap samples, random feature subsets) reduces variance', 'Trees are trained sequentially on residuals', 'It uses gradient descent'],
    correctIndex: 1,
    explanation: 'Bagging plus feature subsampling averages away individual trees\' overfitting; sequential residual fitting is boosting.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-09', topic: 'modeling', difficulty: 3,
    prompt: 'In gradient boosting, you lower the learning rate from 0.1 to 0.01. What else usually has to change?',
    options: ['The number of trees must increase substantially', 'Tree depth must be 1', 'Nothing', 'The loss function must change'],
    correctIndex: 0,
    explanation: 'Each tree contributes less, so more rounds are needed; smaller steps with more trees often generalize better.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-10', topic: 'model-evaluation', difficulty: 3,
    archetypes: WITH_MLE,
    prompt: 'What is Platt scaling?',
    options: ['Scaling features to unit variance', 'A learning-rate schedule', 'Fitting a logistic regression on the model\'s scores, on held-out data, to produce calibrated probabilities', 'Oversampling the minority class'],
    correctIndex: 2,
    explanation: 'Platt scaling is a parametric calibration method; isotonic regression is the non-parametric alternative.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-11', topic: 'model-evaluation', difficulty: 3,
    prompt: 'Which predictions does log loss (cross-entropy) punish most heavily?',
    options: ['Predictions close to 0.5', 'Correct predictions with probability 0.9', 'Predictions on the majority class', 'Confident wrong predictions, such as probability 0.99 for a negative case'],
    correctIndex: 3,
    explanation: 'The loss is -log of the probability given to the true class, which grows without bound as that probability approaches 0.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-12', topic: 'model-evaluation', difficulty: 3,
    prompt: 'Two strongly correlated features both carry the same signal. What happens to their permutation importances?',
    options: ['Both can look unimportant, because permuting one leaves the other to carry the signal', 'Both are doubled', 'They become negative', 'They are unaffected'],
    correctIndex: 0,
    explanation: 'Permutation importance measures the loss when one feature is broken; a correlated substitute hides the loss.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-13', topic: 'feature-engineering', difficulty: 3,
    prompt: 'You target-encode a zip code using the mean label over the full training set, then train on that same set. What happens?',
    options: ['Nothing; target encoding is always safe', 'The encoding leaks each row\'s own label, so validation looks far better than production, especially for rare zip codes', 'The model cannot use the feature', 'Training becomes slower but more accurate'],
    correctIndex: 1,
    explanation: 'Use out-of-fold encoding and smoothing so a row never sees its own target.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-14', topic: 'statistics', difficulty: 3,
    prompt: 'When is the Mann-Whitney U test a good choice?',
    options: ['Comparing two paired measurements', 'Comparing proportions in a 2x2 table', 'Testing correlation', 'Comparing two independent groups with skewed or ordinal data without assuming normality'],
    correctIndex: 3,
    explanation: 'It is a rank-based test; note it tests whether one distribution tends to produce larger values, not strictly a difference in means.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-15', topic: 'statistics', difficulty: 3,
    prompt: 'How do you get a bootstrap 95% confidence interval for the median of n observations?',
    options: ['Take the 2.5th and 97.5th percentiles of the data', 'Resample n observations with replacement many times, compute the median each time, and take the 2.5th and 97.5th percentiles of those medians', 'Resample n/2 observations without replacement once', 'Use the mean plus or minus 1.96 standard deviations'],
    correctIndex: 1,
    explanation: 'The percentile bootstrap approximates the sampling distribution of the statistic, not of the data.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-16', topic: 'modeling', difficulty: 3,
    prompt: 'Two predictors in a linear regression are highly collinear. What is the main consequence?',
    options: ['Predictions become biased', 'The model cannot be fit at all', 'Coefficient estimates become unstable with large standard errors, while predictions can still be fine', 'R-squared drops to zero'],
    correctIndex: 2,
    explanation: 'The model cannot separate the two effects; only perfect collinearity makes the fit impossible.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-17', topic: 'experimentation', difficulty: 4,
    prompt: 'An experiment randomizes by user but the metric is click-through rate per page view. Why is the delta method used?',
    options: ['To estimate the variance of a ratio metric correctly, since page views from the same user are not independent', 'To increase the effect size', 'To remove bots', 'To handle missing values'],
    correctIndex: 0,
    explanation: 'Treating page views as independent understates variance; the delta method approximates the variance of a ratio of user-level sums.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-18', topic: 'experimentation', difficulty: 4,
    prompt: 'In a ride-hailing marketplace, treated riders get a discount and book more drivers, leaving fewer for control riders. What is the problem?',
    options: ['Simpson\'s paradox', 'Sample ratio mismatch', 'Regression to the mean', 'Interference between units (SUTVA is violated), so the estimate is biased; consider cluster or switchback designs'],
    correctIndex: 3,
    explanation: 'Treatment and control share a supply pool, so control outcomes are affected by treatment.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-19', topic: 'model-evaluation', difficulty: 3,
    prompt: 'What precision-recall AUC does a random classifier get on data with 2% positives?',
    options: ['About 0.5', 'About 0.02, the positive rate', 'About 0.98', 'About 0'],
    correctIndex: 1,
    explanation: 'Random scores give precision equal to prevalence at every recall, unlike ROC AUC whose baseline is 0.5.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-20', topic: 'model-evaluation', difficulty: 2,
    prompt: 'Why use stratified k-fold cross-validation for a classification problem with 5% positives?',
    options: ['It keeps the class proportions similar in every fold, so fold scores are comparable and no fold lacks positives', 'It guarantees higher accuracy', 'It removes the need for a test set', 'It balances the classes to 50/50'],
    correctIndex: 0,
    explanation: 'Stratification preserves the original class ratio per fold; it does not rebalance.',
  },
  {
    kind: 'mcq', id: 'ds-adv-mcq-21', topic: 'statistics', difficulty: 3,
    prompt: 'A Bayesian A/B analysis reports "probability B beats A = 0.97". What does this mean?',
    options: ['The p-value is 0.03', 'B will win in 97% of future experiments', 'Given the prior and the observed data, the posterior probability that B\'s true rate exceeds A\'s is 97%', 'B\'s conversion rate is 97% higher'],
    correctIndex: 2,
    explanation: 'It is a posterior probability statement, which depends on the prior; it is not a p-value.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'ds-adv-code-1', topic: 'model-evaluation', difficulty: 3,
    archetypes: WITH_MLE,
    title: 'ROC AUC from scores',
    statement: 'Given binary `labels` (0/1) and model `scores`, return the ROC AUC: the probability that a randomly chosen positive gets a higher score than a randomly chosen negative, counting ties as one half. Round to 4 decimals with `Math.round(x * 10000) / 10000`. Return null if there are no positives or no negatives.',
    functionName: 'rocAuc',
    signature: 'function rocAuc(labels: number[], scores: number[]): number | null',
    starterCode: 'function rocAuc(labels: number[], scores: number[]): number | null {\n  // your code here\n  return null;\n}\n',
    referenceSolution: `function rocAuc(labels, scores) {
  const pos = [], neg = [];
  labels.forEach((l, i) => (l === 1 ? pos : neg).push(scores[i]));
  if (pos.length === 0 || neg.length === 0) return null;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return Math.round((wins / (pos.length * neg.length)) * 10000) / 10000;
}`,
    exampleTests: [{ args: [[1, 0, 1, 0], [0.9, 0.1, 0.8, 0.4]], expected: 1 }],
    hiddenTests: [
      { args: [[0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]], expected: 0, description: 'perfectly inverted' },
      { args: [[1, 0], [0.5, 0.5]], expected: 0.5, description: 'tie counts half' },
      { args: [[1, 1, 1], [0.1, 0.2, 0.3]], expected: null, description: 'no negatives' },
      { args: [[1, 0, 1, 0, 1, 0], [0.8, 0.7, 0.6, 0.6, 0.3, 0.1]], expected: 0.6111, description: 'mixed with a tie' },
      { args: [[1, 0, 0], [0.3, 0.2, 0.4]], expected: 0.5, description: 'one of two pairs won' },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'ds-adv-code-2', topic: 'experimentation', difficulty: 3,
    title: 'Two-proportion z-test',
    statement: 'An A/B test has `convA` conversions out of `nA` users in control and `convB` out of `nB` in treatment. Compute the pooled two-proportion z statistic z = (pB - pA) / sqrt(p(1 - p)(1/nA + 1/nB)), where p = (convA + convB) / (nA + nB). Return `{ z, significant }` with z rounded to 3 decimals (`Math.round(z * 1000) / 1000`) and significant = |z| >= 1.96 using the unrounded z (two-sided, 5%). Return null if nA or nB is 0 or if p is 0 or 1.',
    functionName: 'twoProportionZ',
    signature: 'function twoProportionZ(convA: number, nA: number, convB: number, nB: number): { z: number; significant: boolean } | null',
    starterCode: 'function twoProportionZ(convA: number, nA: number, convB: number, nB: number): { z: number; significant: boolean } | null {\n  // your code here\n  return null;\n}\n',
    referenceSolution: `function twoProportionZ(convA, nA, convB, nB) {
  if (nA === 0 || nB === 0) return null;
  const p = (convA + convB) / (nA + nB);
  if (p === 0 || p === 1) return null;
  const se = Math.sqrt(p * (1 - p) * (1 / nA + 1 / nB));
  const z = (convB / nB - convA / nA) / se;
  return { z: Math.round(z * 1000) / 1000, significant: Math.abs(z) >= 1.96 };
}`,
    exampleTests: [{ args: [100, 1000, 130, 1000], expected: { z: 2.103, significant: true } }],
    hiddenTests: [
      { args: [500, 10000, 500, 10000], expected: { z: 0, significant: false }, description: 'no difference' },
      { args: [200, 1000, 150, 1000], expected: { z: -2.942, significant: true }, description: 'treatment worse' },
      { args: [30, 200, 45, 250], expected: { z: 0.849, significant: false }, description: 'unequal group sizes' },
      { args: [1000, 20000, 1080, 20000], expected: { z: 1.802, significant: false }, description: 'not significant at 5%' },
      { args: [0, 100, 0, 100], expected: null, description: 'no conversions at all' },
      { args: [5, 0, 3, 10], expected: null, description: 'empty group' },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'ds-adv-code-3', topic: 'model-evaluation', difficulty: 3,
    title: 'NDCG at k',
    statement: 'A ranking returned items with graded relevances `relevances` (in ranked order). Compute NDCG@k with exponential gain: DCG@k = sum over positions i = 1..k of (2^rel_i - 1) / log2(i + 1); the ideal DCG@k uses the same relevances sorted in descending order. NDCG@k = DCG@k / IDCG@k, rounded to 4 decimals (`Math.round(x * 10000) / 10000`); return 0 when IDCG@k is 0. If fewer than k items exist, use all of them.',
    functionName: 'ndcgAtK',
    signature: 'function ndcgAtK(relevances: number[], k: number): number',
    starterCode: 'function ndcgAtK(relevances: number[], k: number): number {\n  // your code here\n  return 1;\n}\n',
    referenceSolution: `function ndcgAtK(relevances, k) {
  const dcg = (rels) => rels.slice(0, k).reduce((sum, rel, i) => sum + (Math.pow(2, rel) - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...relevances].sort((a, b) => b - a));
  return ideal === 0 ? 0 : Math.round((dcg(relevances) / ideal) * 10000) / 10000;
}`,
    exampleTests: [{ args: [[3, 2, 3, 0, 1, 2], 6], expected: 0.9488 }],
    hiddenTests: [
      { args: [[3, 2, 3, 0, 1, 2], 3], expected: 0.9595, description: 'cut at k' },
      { args: [[0, 0, 1], 3], expected: 0.5, description: 'relevant item ranked third' },
      { args: [[1, 0], 5], expected: 1, description: 'k larger than the list' },
      { args: [[0, 0], 2], expected: 0, description: 'nothing relevant' },
      { args: [[0, 3], 1], expected: 0, description: 'relevant item just outside k' },
    ],
    timeLimitSec: 900,
  },
]);

const EXPERT = scoped('expert', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'ds-exp-spk-01', topic: 'causal-inference', difficulty: 4,
    prompt: 'You must estimate the effect of a policy that was rolled out without an experiment. Which quasi-experimental methods would you consider, and what assumptions does each rely on?',
    referenceAnswer: 'Difference in differences compares the change over time in the treated group with the change in an untreated group and relies on parallel trends. Regression discontinuity applies when treatment is assigned by a cutoff and assumes units just above and below are comparable. Instrumental variables need an instrument that affects treatment but influences the outcome only through it. Matching or propensity score weighting assume all confounders are observed. Synthetic control builds a weighted comparison unit from untreated units. I would test assumptions with pre-trends and placebo tests.',
    keyConcepts: ['difference in differences', 'parallel trends', 'regression discontinuity', 'instrumental variable', 'propensity score', 'placebo tests'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-02', topic: 'experimentation', difficulty: 5,
    prompt: 'Design an experimentation platform that runs hundreds of concurrent experiments. What are the core components and the statistical safeguards?',
    referenceAnswer: 'Assignment uses deterministic hashing of the user id with a per-experiment salt, with layers or namespaces so conflicting experiments are mutually exclusive while independent ones overlap. A central metric catalog defines metrics once, computed by a pipeline from logged exposures. Every analysis automatically checks sample ratio mismatch, uses variance reduction, correct variance for ratio metrics, guardrail metrics, and either fixed horizons or sequential tests. Results are reproducible, decisions recorded, and interaction between experiments monitored.',
    keyConcepts: ['deterministic hashing', 'layers', 'metric definitions', 'sample ratio mismatch', 'guardrail metrics', 'sequential testing'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-03', topic: 'experimentation', difficulty: 4,
    prompt: 'Your experiments optimize short-term engagement, but leadership cares about long-term retention. How do you bridge that gap?',
    referenceAnswer: 'Keep a long-term holdout group that does not receive launched changes, to measure the cumulative long-term effect. Build surrogate metrics: short-term metrics validated, across past experiments, to predict the long-term outcome, or a surrogate index combining several. Watch for novelty effects by tracking effects over time, and penalize short-term wins that hurt proxies of user health such as unsubscribes.',
    keyConcepts: ['long-term holdout', 'surrogate metric', 'predict the long-term outcome', 'novelty', 'past experiments'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-04', topic: 'causal-inference', difficulty: 4,
    prompt: 'Marketing wants to send a discount only to customers it will change. How would you build and evaluate an uplift model?',
    referenceAnswer: 'Uplift modeling estimates the conditional treatment effect, the difference in purchase probability with and without the discount for each customer, rather than the purchase probability itself. It needs randomized data: run a campaign with a random control group. Use two-model or meta-learner approaches such as T-learners and X-learners, or causal forests. Evaluate with uplift and Qini curves on held-out randomized data, then target the persuadables and avoid sure things and sleeping dogs.',
    keyConcepts: ['treatment effect', 'randomized data', 'meta learner', 'Qini curve', 'persuadables'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-05', topic: 'model-evaluation', difficulty: 4,
    archetypes: WITH_MLE,
    prompt: 'A churn model that validated well has been losing accuracy in production for months. How do you diagnose it?',
    referenceAnswer: 'First check the pipeline: feature values in production against training, missing or default values, and training-serving skew. Then separate data drift, where input distributions change, from concept drift, where the relationship between features and churn changes, for example after a pricing change. Because of label delay, churn labels arrive late, so compare on the labelled window and by segment. Also check feedback loops: if retention offers go to predicted churners, the model changes its own outcomes. Then retrain on recent data and set up monitoring.',
    keyConcepts: ['training serving skew', 'data drift', 'concept drift', 'label delay', 'feedback loop', 'segment'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-06', topic: 'experimentation', difficulty: 5,
    prompt: 'How would you run experiments on a delivery marketplace where treating some orders affects the others?',
    referenceAnswer: 'User-level randomization is biased by interference because treated and control units share drivers. Switchback experiments randomize whole regions over time windows between treatment and control, so the shared pool sees one condition at a time; choose window length to balance carryover against variance, and analyze at the region-window level. Cluster randomization by geography is another option. These designs have far fewer units, so variance is higher and power analysis must reflect it.',
    keyConcepts: ['interference', 'switchback', 'time windows', 'carryover', 'cluster randomization', 'variance'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-07', topic: 'experimentation', difficulty: 4,
    prompt: 'How can you make experiments more sensitive without more traffic?',
    referenceAnswer: 'Reduce variance: CUPED or regression adjustment with pre-experiment covariates, often the same metric before the test, which removes variance in proportion to the squared correlation; stratified randomization or post-stratification; capping or winsorizing heavy-tailed metrics like revenue; using more sensitive metrics closer to the change; and triggering analysis only on users actually exposed to the change.',
    keyConcepts: ['CUPED', 'pre-experiment covariate', 'stratification', 'winsorize', 'triggered analysis'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-08', topic: 'modeling', difficulty: 4,
    prompt: 'You need demand forecasts for thousands of products across stores, with totals that add up by region. How do you approach it?',
    referenceAnswer: 'Use a hierarchy of product, store and region. A global model such as gradient boosting over all series with lag features, calendar and seasonality, promotions and prices handles sparse items better than thousands of separate models. Forecasts at different levels are reconciled so they add up, for example with bottom-up or optimal reconciliation. Evaluate by rolling-origin backtesting with a scale-free metric, and produce prediction intervals or quantiles, because stock decisions depend on uncertainty.',
    keyConcepts: ['hierarchy', 'reconciliation', 'seasonality', 'backtesting', 'prediction intervals'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-09', topic: 'causal-inference', difficulty: 4,
    prompt: 'Explain the synthetic control method and how you would check whether its estimate is credible.',
    referenceAnswer: 'When one unit, such as a country or city, is treated, synthetic control builds a weighted combination of untreated donor units that closely tracks the treated unit before the intervention; after it, the gap between the treated unit and its synthetic twin estimates the effect. Credibility checks: a good pre-period fit, placebo tests that apply the method to each donor as if it were treated and compare the gaps, and robustness to the donor pool.',
    keyConcepts: ['donor pool', 'weighted combination', 'pre-period fit', 'placebo test', 'gap'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-10', topic: 'experimentation', difficulty: 4,
    prompt: 'A feature showed a significant 4% lift in an A/B test, but after launch the business metric barely moved. What could explain it?',
    referenceAnswer: 'Possibilities: the winner\'s curse, where significant results from underpowered tests overestimate the effect; a false positive from multiple testing or peeking; novelty effects that faded; the tested population differed from the launched one, or the feature interacts with other launches; seasonality or other changes masking it in the topline; and the test metric being a poor proxy for the business metric. I would check power, corrections, effect over time and a holdout after launch.',
    keyConcepts: ['winner\'s curse', 'underpowered', 'multiple testing', 'novelty', 'holdout'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-11', topic: 'modeling', difficulty: 5,
    prompt: 'A credit model is trained only on applicants who were approved in the past. What problem does this create, and how would you address it?',
    referenceAnswer: 'Outcomes are observed only for approved applicants, so the training data is a biased sample shaped by the previous policy: selection bias. The model may be wrong precisely on the applicants who were rejected, and it creates a feedback loop with future policies. Remedies: reject inference techniques, approving a small random or explored share of borderline applicants to collect labels, reweighting by the probability of approval, and evaluating with counterfactual or off-policy methods.',
    keyConcepts: ['selection bias', 'previous policy', 'feedback loop', 'reject inference', 'exploration'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-12', topic: 'model-evaluation', difficulty: 4,
    archetypes: WITH_MLE,
    prompt: 'How would you evaluate a hiring-screen model for fairness, and what trade-offs would you explain to leadership?',
    referenceAnswer: 'Compare metrics across protected groups: selection rates for demographic parity, true and false positive rates for equalized odds, and calibration within groups. When base rates differ between groups, calibration and equal error rates cannot all hold at once, so leadership must choose which notion matters for this decision, with legal input. Also check the labels themselves for historical bias, proxies for protected attributes, and monitor after deployment.',
    keyConcepts: ['protected groups', 'demographic parity', 'equalized odds', 'calibration', 'base rates'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'ds-exp-spk-13', topic: 'experimentation', difficulty: 4,
    prompt: 'After an experiment, a product manager wants to slice results by 30 segments to find where it worked. How do you handle this?',
    referenceAnswer: 'Thirty post-hoc slices will produce some significant results by chance, so segment findings are hypotheses, not conclusions. I would pre-register a few segments with a reason, correct for multiple comparisons with false discovery rate control, test treatment-by-segment interactions rather than comparing p-values, use methods like causal forests for heterogeneous effects, and validate interesting segments in a follow-up experiment or holdout.',
    keyConcepts: ['by chance', 'pre-registered', 'false discovery rate', 'interaction', 'follow-up experiment'],
    timeLimitSec: 180,
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'ds-exp-mcq-01', topic: 'causal-inference', difficulty: 3,
    prompt: 'What is the key identifying assumption of difference-in-differences?',
    options: ['Treatment is randomly assigned', 'Without treatment, the treated and control groups would have followed parallel trends', 'The groups have equal sizes', 'The outcome is normally distributed'],
    correctIndex: 1,
    explanation: 'DiD attributes any divergence from the control group\'s trend to the treatment; pre-period trends are checked as evidence.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-02', topic: 'causal-inference', difficulty: 4,
    prompt: 'What two conditions must a valid instrumental variable satisfy (besides being as good as random)?',
    options: ['It must be continuous and normally distributed', 'It must be uncorrelated with the treatment and with the outcome', 'It must affect the treatment (relevance) and affect the outcome only through the treatment (exclusion restriction)', 'It must be measured before and after treatment'],
    correctIndex: 2,
    explanation: 'A weak instrument (low relevance) or a direct path to the outcome both bias IV estimates.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-03', topic: 'causal-inference', difficulty: 4,
    prompt: 'A scholarship is given to students scoring at least 80. What does a regression discontinuity design estimate?',
    options: ['The average effect for all students', 'The effect for students far above the cutoff', 'The effect of test scores on grades', 'The local effect for students near the 80-point cutoff'],
    correctIndex: 3,
    explanation: 'Comparability holds only near the threshold, so RDD identifies a local average treatment effect there.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-04', topic: 'causal-inference', difficulty: 3,
    prompt: 'What can propensity score matching NOT correct for?',
    options: ['Confounders that were not measured', 'Differences in observed covariates between groups', 'Imbalance in group sizes', 'Many observed confounders at once'],
    correctIndex: 0,
    explanation: 'Matching only balances what is observed; hidden confounders still bias the estimate, so sensitivity analysis is needed.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-05', topic: 'experimentation', difficulty: 4,
    prompt: 'In CUPED, Y_adj = Y - theta (X - mean(X)). Which theta minimizes the variance of Y_adj?',
    options: ['theta = 1', 'theta = Cov(X, Y) / Var(X)', 'theta = Var(Y) / Var(X)', 'theta = Corr(X, Y)'],
    correctIndex: 1,
    explanation: 'It is the OLS slope of Y on X; the resulting variance is Var(Y)(1 - rho^2).',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-06', topic: 'experimentation', difficulty: 4,
    prompt: 'The pre-experiment covariate correlates with the metric at rho = 0.6. By roughly how much does CUPED reduce variance?',
    options: ['60%', '40%', '64%', '36%'],
    correctIndex: 3,
    explanation: 'Variance is multiplied by 1 - rho^2 = 0.64, a 36% reduction, which is like having about 1.56 times the traffic.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-07', topic: 'experimentation', difficulty: 4,
    prompt: 'What do always-valid p-values (for example mSPRT-based sequential tests) allow?',
    options: ['Continuous monitoring and stopping at any time while keeping the type I error rate controlled', 'Higher power than a fixed-horizon test at the same sample size', 'Skipping randomization', 'Testing many metrics without correction'],
    correctIndex: 0,
    explanation: 'They pay for flexibility with somewhat less power than a fixed-horizon test at the planned sample size.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-08', topic: 'experimentation', difficulty: 4,
    prompt: 'In a switchback experiment, what is randomized?',
    options: ['Individual users', 'Individual orders', 'Time windows within each region (or cluster), switching between treatment and control', 'The metric definitions'],
    correctIndex: 2,
    explanation: 'Switching a whole market between conditions over time avoids interference between units that share supply.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-09', topic: 'experimentation', difficulty: 4,
    prompt: 'What is the winner\'s curse in experimentation?',
    options: ['Winning variants always regress in quality', 'Launching winners reduces traffic for later tests', 'Treatment groups get more traffic', 'Effect estimates of experiments selected because they were significant are biased upwards, more so when underpowered'],
    correctIndex: 3,
    explanation: 'Selecting on significance favours overestimates; shrinkage or replication gives realistic effect sizes.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-10', topic: 'statistics', difficulty: 3,
    prompt: 'Revenue per user is extremely heavy-tailed, and a few whales dominate the variance. Which is a standard remedy?',
    options: ['Drop the treatment group\'s top users only', 'Cap (winsorize) values at a high percentile computed on both groups together, then test', 'Use the median of the control group as the treatment value', 'Switch to a one-sided test'],
    correctIndex: 1,
    explanation: 'Capping at a common threshold reduces variance with little bias; dropping users from one group biases the comparison.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-11', topic: 'experimentation', difficulty: 4,
    prompt: 'An experiment randomized by user is analyzed per session, treating sessions as independent. What is the consequence?',
    options: ['Variance is underestimated and false positives increase', 'Variance is overestimated and power drops', 'The estimate is unbiased and the variance exact', 'Nothing, because sessions outnumber users'],
    correctIndex: 0,
    explanation: 'Sessions from one user are correlated; use user-level aggregation, the delta method or clustered standard errors.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-12', topic: 'experimentation', difficulty: 4,
    prompt: 'Why do search teams use interleaving to compare ranking algorithms?',
    options: ['It avoids the need for users', 'It measures long-term retention', 'It mixes results from both rankers in one list for the same user, which detects preferences with far less traffic than an A/B test', 'It prevents position bias entirely'],
    correctIndex: 2,
    explanation: 'Each user compares both rankers directly, removing between-user variance; it is used for fast screening before A/B tests.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-13', topic: 'causal-inference', difficulty: 5,
    prompt: 'Inverse propensity scoring (IPS) evaluates a new policy from logs of an old one. What is its main weakness?',
    options: ['It is biased even with correct propensities', 'It requires the new policy to be deployed', 'It cannot handle binary rewards', 'High variance when the new policy favours actions the logging policy rarely took'],
    correctIndex: 3,
    explanation: 'Weights of new/old probability explode for rare logged actions; clipping or doubly robust estimators trade bias for variance.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-14', topic: 'model-evaluation', difficulty: 5,
    archetypes: WITH_MLE,
    prompt: 'Two groups have different base rates of the outcome. For an imperfect classifier, which fairness criteria generally cannot all hold at once?',
    options: ['Calibration within each group and equal false positive and false negative rates across groups', 'Accuracy and precision', 'Demographic parity and using the same model', 'Equal sample sizes and equal base rates'],
    correctIndex: 0,
    explanation: 'The impossibility results of Kleinberg et al. and Chouldechova show the conflict unless prediction is perfect or base rates are equal.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-15', topic: 'causal-inference', difficulty: 4,
    prompt: 'How does the synthetic control method build its counterfactual?',
    options: ['By averaging all untreated units equally', 'By a weighted combination of untreated units chosen to match the treated unit before the intervention', 'By forecasting the treated unit with ARIMA', 'By randomly selecting one control unit'],
    correctIndex: 1,
    explanation: 'Weights are fit on the pre-period; a poor pre-period fit undermines the estimate.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-16', topic: 'model-evaluation', difficulty: 4,
    archetypes: WITH_MLE,
    prompt: 'Fraud labels (chargebacks) arrive up to 60 days after a transaction. How should you monitor a newly deployed fraud model?',
    options: ['Wait 60 days before looking at anything', 'Monitor only accuracy on the last day', 'Track input and score distributions and early proxy labels now, and compute true performance on matured cohorts as labels arrive', 'Retrain daily on unlabelled data'],
    correctIndex: 2,
    explanation: 'Drift and proxies give early warning; cohort-based evaluation avoids treating not-yet-labelled fraud as legitimate.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-17', topic: 'statistics', difficulty: 3,
    prompt: 'Why use survival analysis rather than a plain classifier for time to churn?',
    options: ['It is always more accurate', 'It requires no labels', 'It ignores time', 'It handles right-censored customers who have not churned yet, instead of treating them as non-churners'],
    correctIndex: 3,
    explanation: 'Censoring means we only know a customer survived until now; survival models use that partial information correctly.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-18', topic: 'causal-inference', difficulty: 4,
    prompt: 'Among hospitalized patients, two unrelated diseases appear negatively correlated. What is the likely explanation?',
    options: ['Collider bias: conditioning on hospitalization, a common effect of both diseases, induces a spurious association', 'One disease protects against the other', 'Confounding by age', 'Measurement error'],
    correctIndex: 0,
    explanation: 'Selecting on a common effect (Berkson\'s paradox) creates associations that do not exist in the population.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-19', topic: 'experimentation', difficulty: 3,
    prompt: 'You test a treatment in 40 segments at alpha = 0.05 and 3 are significant, with no correction. What is the best reading?',
    options: ['The treatment works in exactly those 3 segments', 'About 2 significant segments are expected by chance alone, so these need correction and replication', 'The treatment works everywhere', 'The test is invalid and must be discarded'],
    correctIndex: 1,
    explanation: '40 x 0.05 = 2 expected false positives under the null; apply FDR control and confirm in a new test.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-20', topic: 'statistics', difficulty: 3,
    prompt: 'For two independent groups, what is the variance of the difference in sample means?',
    options: ['var1/n1 - var2/n2', '(var1 + var2) / (n1 + n2)', 'var1/n1 + var2/n2', 'sqrt(var1/n1 + var2/n2)'],
    correctIndex: 2,
    explanation: 'Variances of independent estimates add; the square root of this sum is the standard error.',
  },
  {
    kind: 'mcq', id: 'ds-exp-mcq-21', topic: 'experimentation', difficulty: 4,
    prompt: 'What is the main trade-off of a multi-armed bandit compared with a fixed A/B test?',
    options: ['Bandits need more traffic to find the best arm', 'Bandits cannot handle more than two arms', 'Bandits ignore rewards', 'Bandits reduce regret by shifting traffic to better arms, but adaptive allocation makes unbiased effect estimates and inference harder'],
    correctIndex: 3,
    explanation: 'Use bandits to optimize outcomes (e.g. short-lived promotions) and A/B tests to learn effect sizes reliably.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'ds-exp-code-1', topic: 'experimentation', difficulty: 4,
    title: 'CUPED adjustment',
    statement: 'Given experiment-period values `y` and pre-experiment values `x` for the same users, apply CUPED: theta = Cov(x, y) / Var(x) and y_adj[i] = y[i] - theta * (x[i] - mean(x)). Return `{ theta, adjusted }` with theta rounded to 4 decimals and each adjusted value rounded to 3 decimals (use `Math.round(v * 10 ** d) / 10 ** d`). If Var(x) is 0, theta is 0. Arrays are non-empty and of equal length.',
    functionName: 'cupedAdjust',
    signature: 'function cupedAdjust(y: number[], x: number[]): { theta: number; adjusted: number[] }',
    starterCode: 'function cupedAdjust(y: number[], x: number[]): { theta: number; adjusted: number[] } {\n  // your code here\n  return { theta: 0, adjusted: [] };\n}\n',
    referenceSolution: `function cupedAdjust(y, x) {
  const n = y.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let cov = 0, varX = 0;
  for (let i = 0; i < n; i++) {
    cov += (x[i] - mx) * (y[i] - my);
    varX += (x[i] - mx) * (x[i] - mx);
  }
  const theta = varX === 0 ? 0 : cov / varX;
  const round = (v, d) => Math.round(v * Math.pow(10, d)) / Math.pow(10, d);
  return { theta: round(theta, 4), adjusted: y.map((yi, i) => round(yi - theta * (x[i] - mx), 3)) };
}`,
    exampleTests: [{ args: [[10, 12, 14, 20], [8, 10, 11, 15]], expected: { theta: 1.4615, adjusted: [14.385, 13.462, 14, 14.154] } }],
    hiddenTests: [
      { args: [[5, 7, 9], [2, 2, 2]], expected: { theta: 0, adjusted: [5, 7, 9] }, description: 'constant covariate' },
      { args: [[3, 5, 4, 8, 10], [1, 2, 3, 4, 5]], expected: { theta: 1.7, adjusted: [6.4, 6.7, 4, 6.3, 6.6] }, description: 'variance shrinks' },
      { args: [[4], [9]], expected: { theta: 0, adjusted: [4] }, description: 'single user' },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'ds-exp-code-2', topic: 'statistics', difficulty: 4,
    title: 'Benjamini-Hochberg procedure',
    statement: 'Given m p-values and a false discovery rate `q`, apply the Benjamini-Hochberg step-up procedure: sort the p-values ascending as p(1) <= ... <= p(m), find the largest k with p(k) <= (k / m) * q, and reject the hypotheses with the k smallest p-values (none if no such k exists). Return an array of booleans in the original order, true meaning rejected.',
    functionName: 'benjaminiHochberg',
    signature: 'function benjaminiHochberg(pValues: number[], q: number): boolean[]',
    starterCode: 'function benjaminiHochberg(pValues: number[], q: number): boolean[] {\n  // your code here\n  return pValues.map(() => false);\n}\n',
    referenceSolution: `function benjaminiHochberg(pValues, q) {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i]).sort((a, b) => a[0] - b[0]);
  let k = 0;
  for (let rank = 1; rank <= m; rank++) if (order[rank - 1][0] <= (rank / m) * q) k = rank;
  const rejected = new Array(m).fill(false);
  for (let r = 0; r < k; r++) rejected[order[r][1]] = true;
  return rejected;
}`,
    exampleTests: [{ args: [[0.039, 0.001, 0.028, 0.2, 0.012], 0.05], expected: [true, true, true, false, true] }],
    hiddenTests: [
      { args: [[0.6, 0.035, 0.005, 0.03], 0.05], expected: [false, true, true, true], description: 'step-up rejects past a failing rank' },
      { args: [[0.2, 0.5], 0.05], expected: [false, false], description: 'nothing rejected' },
      { args: [[], 0.05], expected: [], description: 'no tests' },
      { args: [[0.02, 0.02, 0.9], 0.05], expected: [true, true, false], description: 'tied p-values' },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'ds-exp-code-3', topic: 'experimentation', difficulty: 3,
    title: 'Sample ratio mismatch check',
    statement: 'An experiment should assign a share `expectedShareA` of users to group A and the rest to B. Given the observed counts, compute the chi-square goodness-of-fit statistic: sum over both groups of (observed - expected)^2 / expected, where expected = total * share. Flag a sample ratio mismatch when the statistic exceeds 10.828 (p < 0.001 with 1 degree of freedom). Return `{ chi2, srm }` with chi2 rounded to 3 decimals (`Math.round(x * 1000) / 1000`), or null when the total is 0.',
    functionName: 'sampleRatioMismatch',
    signature: 'function sampleRatioMismatch(countA: number, countB: number, expectedShareA: number): { chi2: number; srm: boolean } | null',
    starterCode: 'function sampleRatioMismatch(countA: number, countB: number, expectedShareA: number): { chi2: number; srm: boolean } | null {\n  // your code here\n  return { chi2: 0, srm: false };\n}\n',
    referenceSolution: `function sampleRatioMismatch(countA, countB, expectedShareA) {
  const total = countA + countB;
  if (total === 0) return null;
  const expA = total * expectedShareA;
  const expB = total * (1 - expectedShareA);
  const chi2 = Math.pow(countA - expA, 2) / expA + Math.pow(countB - expB, 2) / expB;
  return { chi2: Math.round(chi2 * 1000) / 1000, srm: chi2 > 10.828 };
}`,
    exampleTests: [{ args: [50800, 49200, 0.5], expected: { chi2: 25.6, srm: true } }],
    hiddenTests: [
      { args: [10100, 9900, 0.5], expected: { chi2: 2, srm: false }, description: 'normal noise' },
      { args: [1000, 2000, 0.25], expected: { chi2: 111.111, srm: true }, description: 'unequal design' },
      { args: [9000, 1000, 0.9], expected: { chi2: 0, srm: false }, description: 'exact 90/10' },
      { args: [10300, 9700, 0.5], expected: { chi2: 18, srm: true }, description: '1.5% imbalance on 20k users' },
      { args: [0, 0, 0.5], expected: null, description: 'no users' },
    ],
    timeLimitSec: 900,
  },
]);

/** Curated questions for the data-scientist archetype. Items may also be tagged with related archetypes. */
export const DATA_SCIENTIST_BANK: BankItem[] = [...STANDARD, ...ADVANCED, ...EXPERT];
