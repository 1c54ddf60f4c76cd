import type { BankItem } from './bank-item';
import { scopedFor } from './scoped';

const scoped = scopedFor('ml-engineer');

// Topics: ml-fundamentals, training, deep-learning, model-evaluation, mlops, serving, feature-pipelines.
// Some model-evaluation items live in data-scientist.ts and are tagged for ml-engineer too.

const STANDARD = scoped('standard', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'mle-std-spk-01', topic: 'ml-fundamentals', difficulty: 1,
    prompt: 'Why do we split data into training, validation and test sets, and what is each one for?',
    referenceAnswer: 'The training set is used to fit the model\'s parameters. The validation set is used to choose hyperparameters, features and models and for early stopping, so it slowly leaks into our decisions. The test set is held out and used once at the end to give an unbiased estimate of performance on new data. Splits must respect time order or groups such as users when the data has them, otherwise the estimate is too optimistic.',
    keyConcepts: ['training set', 'validation set', 'test set', 'hyperparameters', 'unbiased estimate'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-02', topic: 'training', difficulty: 2,
    prompt: 'How do you recognize overfitting during training, and what do you do about it?',
    referenceAnswer: 'Training loss keeps going down while validation loss stops improving or starts rising, so the gap between them grows. Remedies: more or augmented data, regularization such as weight decay or dropout, a smaller or simpler model, early stopping on validation loss, and fewer noisy features. I would also check the validation set is representative and not leaking.',
    keyConcepts: ['validation loss', 'regularization', 'early stopping', 'dropout', 'more data'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-03', topic: 'training', difficulty: 2,
    prompt: 'Explain gradient descent and the role of the learning rate.',
    referenceAnswer: 'Gradient descent minimizes a loss function by repeatedly computing the gradient of the loss with respect to the parameters and taking a step in the opposite direction. The learning rate sets the step size: too small and training converges very slowly or gets stuck, too large and the loss oscillates or diverges. In practice we use mini-batch stochastic gradient descent or adaptive optimizers like Adam, often with a learning rate schedule.',
    keyConcepts: ['gradient', 'loss function', 'learning rate', 'converge', 'diverge'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-04', topic: 'deep-learning', difficulty: 2,
    prompt: 'What does batch normalization do, and how does it behave differently in training and inference?',
    referenceAnswer: 'Batch normalization normalizes a layer\'s activations using the mean and variance of the current mini-batch, then applies a learned scale and shift. It stabilizes and speeds up training and allows higher learning rates. During training it uses batch statistics and updates running averages; at inference it uses those running statistics, so the model must be switched to evaluation mode, and very small batches make the statistics noisy.',
    keyConcepts: ['normalize activations', 'mini-batch statistics', 'scale and shift', 'running statistics', 'evaluation mode'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-05', topic: 'mlops', difficulty: 2,
    prompt: 'What do you need to record so that a model can be reproduced months later?',
    referenceAnswer: 'The exact code version, the training data version or snapshot, the feature definitions and preprocessing, hyperparameters and configuration, random seeds, library versions and environment such as a container image, and the resulting model artifact with its evaluation metrics. An experiment tracker and a model registry link these together, so any deployed model can be traced back to how it was made.',
    keyConcepts: ['code version', 'data version', 'hyperparameters', 'random seed', 'environment', 'model registry'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-06', topic: 'serving', difficulty: 2,
    prompt: 'Compare batch inference and online inference. How do you choose?',
    referenceAnswer: 'Batch inference precomputes predictions for many entities on a schedule and stores them for lookup; it is cheap and simple but predictions are only as fresh as the last run and cover only known entities. Online inference computes a prediction on request in real time, which allows fresh features and new entities but requires low latency, high availability and more infrastructure. Choose based on how fresh predictions must be, latency requirements and cost.',
    keyConcepts: ['precompute', 'schedule', 'real time', 'latency', 'freshness', 'cost'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-07', topic: 'feature-pipelines', difficulty: 2,
    prompt: 'What is training-serving skew, and how do you prevent it?',
    referenceAnswer: 'Training-serving skew is a difference between the data or feature computation the model saw in training and what it receives in production, for example a feature computed in SQL for training and reimplemented differently in the service, or using future data in training that is not available at serving time. Prevent it by using the same feature code for both paths, ideally through a feature store, logging served features for training, and monitoring feature distributions in production against training.',
    keyConcepts: ['training serving skew', 'same feature code', 'feature store', 'log served features', 'monitoring'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-08', topic: 'model-evaluation', difficulty: 2,
    prompt: 'How would you choose an evaluation metric for a model that flags fraudulent transactions?',
    referenceAnswer: 'Start from the business costs: a missed fraud loses money, a false alarm annoys a customer or costs a review. Fraud is rare, a strong class imbalance, so accuracy is useless; I would use precision and recall, PR AUC for threshold-independent comparison, and pick the threshold from the cost trade-off or review capacity, for example maximize recall at a precision the team can handle. Evaluate on a time-based split and by segment.',
    keyConcepts: ['business cost', 'class imbalance', 'precision', 'recall', 'threshold'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-09', topic: 'mlops', difficulty: 2,
    prompt: 'What would you monitor for a model once it is deployed?',
    referenceAnswer: 'System health: latency, throughput, error rates and resource usage. Data: input feature distributions, missing values and schema changes compared with training, which is data drift. Predictions: the distribution of scores and predicted classes. Quality: real performance against ground truth labels when they arrive, and business metrics. Each needs thresholds and alerts with an owner.',
    keyConcepts: ['latency', 'data drift', 'prediction distribution', 'ground truth labels', 'alerts'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-10', topic: 'deep-learning', difficulty: 3,
    prompt: 'What is the vanishing gradient problem and how do modern networks avoid it?',
    referenceAnswer: 'In deep networks, gradients are products of many per-layer derivatives; with saturating activations like sigmoid or tanh these are often below one, so gradients shrink exponentially and vanish towards the early layers, which then barely learn. Modern networks use ReLU-family activations, careful weight initialization such as He or Xavier, normalization layers, and residual connections that give gradients a direct path through the network. Gated units such as LSTMs address it in recurrent networks.',
    keyConcepts: ['vanishing gradients', 'sigmoid', 'ReLU', 'initialization', 'residual connections'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-11', topic: 'training', difficulty: 2,
    prompt: 'How does the batch size affect training?',
    referenceAnswer: 'Larger batches give less noisy gradient estimates and better hardware utilization and throughput, but need more memory and often generalize a little worse unless the learning rate and schedule are adjusted, typically scaling the learning rate with warmup. Smaller batches are noisier, which can act as regularization, but use the hardware less efficiently. Gradient accumulation can emulate a larger batch when memory is limited.',
    keyConcepts: ['noisy gradients', 'memory', 'throughput', 'learning rate', 'generalization'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-12', topic: 'ml-fundamentals', difficulty: 2,
    prompt: 'What are embeddings and why are they useful?',
    referenceAnswer: 'An embedding maps a discrete or complex object, such as a word, a product id or an image, to a dense vector of fixed dimension, learned so that similar objects are close together. They replace huge sparse one-hot inputs with compact representations, capture similarity that can be measured with cosine or dot product, enable nearest neighbor search for retrieval and recommendations, and transfer to other tasks.',
    keyConcepts: ['dense vector', 'learned', 'similar objects close', 'cosine similarity', 'nearest neighbor'],
  },
  {
    kind: 'spoken', id: 'mle-std-spk-13', topic: 'serving', difficulty: 2,
    prompt: 'How would you package and deploy a trained model as a prediction service?',
    referenceAnswer: 'Export the model in a versioned artifact format, store it in a model registry, and build a container image with the inference code, pinned dependencies and the same preprocessing as training. Expose it over a REST or gRPC API with input validation, health and readiness checks, and metrics and logs. Deploy it behind a load balancer with autoscaling, roll out gradually, and keep the previous version ready so you can roll back.',
    keyConcepts: ['container', 'API', 'health check', 'versioned', 'roll back'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'mle-std-mcq-01', topic: 'training', difficulty: 1,
    prompt: 'What does early stopping monitor to decide when to stop training?',
    options: ['Training loss', 'Validation loss or a validation metric', 'Wall-clock time', 'The size of the gradients'],
    correctIndex: 1,
    explanation: 'Training stops when the validation metric stops improving, keeping the best checkpoint.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-02', topic: 'training', difficulty: 1,
    prompt: 'The training loss jumps around wildly and sometimes becomes NaN. What is the most likely cause?',
    options: ['The learning rate is too high', 'The model is too small', 'The dataset is too large', 'Too many epochs'],
    correctIndex: 0,
    explanation: 'Steps that are too large overshoot minima and can blow up; lower the learning rate or add warmup and gradient clipping.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-03', topic: 'deep-learning', difficulty: 2,
    prompt: 'How does (inverted) dropout behave at inference time?',
    options: ['It drops the same neurons as in the last training step', 'It drops half the neurons', 'It is disabled; activations were already scaled during training', 'It is applied to the input only'],
    correctIndex: 2,
    explanation: 'Inverted dropout scales kept activations by 1/(1-p) during training so no change is needed at inference; forgetting eval mode is a common bug.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-04', topic: 'deep-learning', difficulty: 1,
    prompt: 'What does a softmax output layer produce?',
    options: ['A single binary label', 'Values between -1 and 1', 'Unbounded scores', 'Non-negative values that sum to 1 across classes'],
    correctIndex: 3,
    explanation: 'Softmax exponentiates and normalizes logits into a probability distribution over classes.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-05', topic: 'ml-fundamentals', difficulty: 1,
    prompt: 'Which loss is standard for multi-class classification?',
    options: ['Mean squared error', 'Cross-entropy', 'Hinge loss on regression targets', 'Mean absolute error'],
    correctIndex: 1,
    explanation: 'Cross-entropy (negative log-likelihood) pairs with softmax outputs and gives well-behaved gradients.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-06', topic: 'deep-learning', difficulty: 2,
    prompt: 'Why did ReLU largely replace sigmoid in hidden layers?',
    options: ['It is cheap and does not saturate for positive inputs, so gradients vanish less', 'It outputs probabilities', 'It is bounded between 0 and 1', 'It never outputs zero'],
    correctIndex: 0,
    explanation: 'Sigmoid saturates at both ends, shrinking gradients; ReLU passes gradient 1 for positive inputs.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-07', topic: 'training', difficulty: 1,
    prompt: 'Where should random image augmentations (flips, crops) be applied?',
    options: ['To the test set only', 'To both training and test sets identically', 'To the validation set only', 'To the training data only'],
    correctIndex: 3,
    explanation: 'Augmentation increases training diversity; evaluation should use untouched data (test-time augmentation is a separate, deliberate technique).',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-08', topic: 'feature-pipelines', difficulty: 2,
    prompt: 'Which step leaks information from the test set into training?',
    options: ['Shuffling the training set', 'Fitting a scaler on the full dataset before splitting', 'Using a fixed random seed', 'Saving the model to disk'],
    correctIndex: 1,
    explanation: 'Preprocessing statistics must be fit on training data only and then applied to validation and test data.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-09', topic: 'training', difficulty: 1,
    prompt: 'Training loss keeps decreasing while validation loss has been rising for several epochs. What is happening?',
    options: ['Underfitting', 'A data loader bug', 'Overfitting', 'The learning rate is too low'],
    correctIndex: 2,
    explanation: 'The model is memorizing training data; stop early, regularize or add data.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-10', topic: 'serving', difficulty: 1,
    prompt: 'Which use case suits batch inference best?',
    options: ['Fraud scoring while a card payment is being authorized', 'Autocomplete while a user types', 'Real-time bidding on ads', 'Nightly product recommendations for every user, shown in the next day\'s email'],
    correctIndex: 3,
    explanation: 'No request-time latency requirement and a known set of entities make precomputation cheap and simple.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-11', topic: 'mlops', difficulty: 1,
    prompt: 'What is a model registry for?',
    options: ['Storing versioned model artifacts with metadata, lineage and lifecycle stages such as staging and production', 'Labelling training data', 'Serving predictions at low latency', 'Registering users of a model API'],
    correctIndex: 0,
    explanation: 'The registry is the source of truth for which model version is deployed and how it was produced.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-12', topic: 'feature-pipelines', difficulty: 2,
    prompt: 'Which is an example of training-serving skew?',
    options: ['Training on a GPU and serving on a CPU with identical outputs', 'Using a larger batch size in training', '"Days since signup" computed in UTC in training but in local time in the service', 'Retraining the model weekly'],
    correctIndex: 2,
    explanation: 'The same feature computed differently in two paths silently changes model inputs.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-13', topic: 'training', difficulty: 2,
    prompt: 'Compared with full-batch gradient descent, what characterizes mini-batch SGD?',
    options: ['Exact gradients at every step', 'Cheaper, noisier updates that make many more steps per epoch', 'It cannot be used with neural networks', 'It needs the whole dataset in memory'],
    correctIndex: 1,
    explanation: 'Each step uses a small sample, trading gradient accuracy for speed; the noise can even help generalization.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-14', topic: 'deep-learning', difficulty: 1,
    prompt: 'What is transfer learning?',
    options: ['Moving a model between servers', 'Converting a model to another framework', 'Training two models simultaneously', 'Starting from weights pretrained on a large dataset and fine-tuning them on your task'],
    correctIndex: 3,
    explanation: 'Pretrained representations make small datasets go much further.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-15', topic: 'model-evaluation', difficulty: 2,
    prompt: 'You raise a classifier\'s decision threshold from 0.5 to 0.8. What usually happens?',
    options: ['Precision rises and recall falls', 'Both rise', 'Recall rises and precision falls', 'Neither changes'],
    correctIndex: 0,
    explanation: 'Fewer, more confident positive predictions: fewer false positives but more missed positives.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-16', topic: 'serving', difficulty: 2,
    prompt: 'An embedding table has 1 million rows of 64 float32 values. Roughly how much memory does it need?',
    options: ['64 MB', '2.5 GB', '256 MB', '16 MB'],
    correctIndex: 2,
    explanation: '1,000,000 x 64 x 4 bytes = 256,000,000 bytes, about 256 MB.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-17', topic: 'serving', difficulty: 2,
    prompt: 'What does post-training int8 quantization usually give you?',
    options: ['Higher accuracy', 'A smaller model and faster inference on supported hardware, with a small accuracy loss', 'Faster training', 'Support for longer inputs'],
    correctIndex: 1,
    explanation: 'Weights (and often activations) use 8-bit integers instead of 32-bit floats: about 4x smaller.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-18', topic: 'mlops', difficulty: 1,
    prompt: 'What is a canary deployment of a new model version?',
    options: ['Running it only on test data', 'Deploying it to all traffic at night', 'Deploying it without monitoring', 'Sending a small share of live traffic to it and comparing its metrics before rolling out further'],
    correctIndex: 3,
    explanation: 'Limiting exposure means a bad model affects few users and can be rolled back quickly.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-19', topic: 'mlops', difficulty: 1,
    prompt: 'Why fix random seeds in a training pipeline?',
    options: ['To make runs repeatable so differences can be attributed to the change you made', 'To make the model more accurate', 'To speed up training', 'To reduce memory use'],
    correctIndex: 0,
    explanation: 'Seeds control initialization, shuffling and sampling; some GPU operations may still be non-deterministic.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-20', topic: 'training', difficulty: 2,
    prompt: 'GPU utilization sits at 30% during training while CPU cores are saturated decoding images. What helps most?',
    options: ['A bigger GPU', 'A larger learning rate', 'More data loader workers, prefetching, or preprocessing data ahead of time', 'Fewer epochs'],
    correctIndex: 2,
    explanation: 'The input pipeline is the bottleneck; the GPU is waiting for batches.',
  },
  {
    kind: 'mcq', id: 'mle-std-mcq-21', topic: 'model-evaluation', difficulty: 1,
    prompt: 'In a binary confusion matrix, what is a false negative?',
    options: ['Predicted positive, actually negative', 'Predicted negative, actually positive', 'Predicted negative, actually negative', 'Predicted positive, actually positive'],
    correctIndex: 1,
    explanation: 'The model said negative but the truth was positive: a missed case.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'mle-std-code-1', topic: 'feature-pipelines', difficulty: 2,
    title: 'Min-max scale feature columns',
    statement: 'Given a matrix `rows` (each row is one example, each column one feature), scale every column to [0, 1] with (x - min) / (max - min), using that column\'s min and max. A column whose values are all equal becomes all 0. Round every value to 4 decimals with `Math.round(v * 10000) / 10000`. Return a new matrix; an empty input returns [].',
    functionName: 'minMaxScale',
    signature: 'function minMaxScale(rows: number[][]): number[][]',
    starterCode: 'function minMaxScale(rows: number[][]): number[][] {\n  // your code here\n  return rows;\n}\n',
    referenceSolution: `function minMaxScale(rows) {
  if (rows.length === 0) return [];
  const cols = rows[0].length;
  const min = [], max = [];
  for (let j = 0; j < cols; j++) {
    min.push(Math.min(...rows.map((r) => r[j])));
    max.push(Math.max(...rows.map((r) => r[j])));
  }
  return rows.map((r) => r.map((v, j) => (max[j] === min[j] ? 0 : Math.round(((v - min[j]) / (max[j] - min[j])) * 10000) / 10000)));
}`,
    exampleTests: [{ args: [[[1, 10], [2, 20], [3, 30]]], expected: [[0, 0], [0.5, 0.5], [1, 1]] }],
    hiddenTests: [
      { args: [[]], expected: [], description: 'empty' },
      { args: [[[5, 1], [5, 3]]], expected: [[0, 0], [0, 1]], description: 'constant column' },
      { args: [[[-1], [0], [2]]], expected: [[0], [0.3333], [1]], description: 'negative values, rounding' },
      { args: [[[7, 8]]], expected: [[0, 0]], description: 'single row' },
    ],
    timeLimitSec: 600,
  },
  {
    kind: 'coding', id: 'mle-std-code-2', topic: 'model-evaluation', difficulty: 1,
    title: 'Multi-class confusion matrix',
    statement: 'Given true labels `yTrue`, predicted labels `yPred` (integers from 0 to numClasses - 1) and `numClasses`, return the confusion matrix as a numClasses x numClasses array where matrix[actual][predicted] counts the examples. Classes that never appear still get a row and a column of zeros.',
    functionName: 'confusionMatrix',
    signature: 'function confusionMatrix(yTrue: number[], yPred: number[], numClasses: number): number[][]',
    starterCode: 'function confusionMatrix(yTrue: number[], yPred: number[], numClasses: number): number[][] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function confusionMatrix(yTrue, yPred, numClasses) {
  const m = Array.from({ length: numClasses }, () => new Array(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}`,
    exampleTests: [{ args: [[0, 1, 2, 2], [0, 2, 2, 1], 3], expected: [[1, 0, 0], [0, 0, 1], [0, 1, 1]] }],
    hiddenTests: [
      { args: [[], [], 2], expected: [[0, 0], [0, 0]], description: 'no examples' },
      { args: [[1, 1, 1], [0, 0, 1], 2], expected: [[0, 0], [2, 1]], description: 'rows are actual classes' },
      { args: [[0, 0], [0, 0], 3], expected: [[2, 0, 0], [0, 0, 0], [0, 0, 0]], description: 'unused classes' },
    ],
    timeLimitSec: 600,
  },
  {
    kind: 'coding', id: 'mle-std-code-3', topic: 'deep-learning', difficulty: 2,
    title: 'Numerically stable softmax',
    statement: 'Return the softmax of a non-empty array of logits: exp(x_i) / sum_j exp(x_j). It must not overflow for large logits such as 1000 (subtract the maximum logit first). Round each probability to 4 decimals with `Math.round(p * 10000) / 10000`.',
    functionName: 'softmax',
    signature: 'function softmax(logits: number[]): number[]',
    starterCode: 'function softmax(logits: number[]): number[] {\n  // your code here\n  return logits;\n}\n',
    referenceSolution: `function softmax(logits) {
  const max = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => Math.round((e / sum) * 10000) / 10000);
}`,
    exampleTests: [{ args: [[1, 2, 3]], expected: [0.09, 0.2447, 0.6652] }],
    hiddenTests: [
      { args: [[1000, 1000]], expected: [0.5, 0.5], description: 'large logits do not overflow' },
      { args: [[-1000, 0]], expected: [0, 1], description: 'very negative logit' },
      { args: [[2, 2, 2, 2]], expected: [0.25, 0.25, 0.25, 0.25], description: 'uniform' },
      { args: [[0]], expected: [1], description: 'single class' },
      { args: [[3, 1, 0.2]], expected: [0.836, 0.1131, 0.0508], description: 'fractional logit' },
    ],
    timeLimitSec: 600,
  },
]);

const ADVANCED = scoped('advanced', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'mle-adv-spk-01', topic: 'serving', difficulty: 3,
    prompt: 'A model meets its accuracy target but its p99 latency is three times the budget. What options do you have to make inference faster?',
    referenceAnswer: 'First profile where time goes: preprocessing, feature fetching, the model itself, or queueing. On the model: quantization to int8 or lower, pruning, knowledge distillation into a smaller student model, and compiling with an optimized runtime like ONNX Runtime or TensorRT with operator fusion. On the system: dynamic batching for throughput, caching frequent predictions or features, parallel feature fetches, better hardware, and keeping models warm. Re-check accuracy after each change.',
    keyConcepts: ['profile', 'quantization', 'distillation', 'batching', 'caching', 'compile'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-02', topic: 'feature-pipelines', difficulty: 3,
    prompt: 'What problems does a feature store solve, and what is point-in-time correctness?',
    referenceAnswer: 'A feature store defines features once and serves them both offline, for building training sets from history, and online, from a low latency key-value store for inference, which avoids training-serving skew and lets teams reuse features. Point-in-time correctness means that when building a training example for an event at time t, each feature is joined with its value as of t, never a later value; otherwise future information leaks into training, which is leakage, and offline metrics look better than production.',
    keyConcepts: ['offline store', 'online store', 'reuse', 'point in time', 'leakage'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-03', topic: 'training', difficulty: 3,
    prompt: 'Compare data parallelism and model parallelism for training large neural networks.',
    referenceAnswer: 'In data parallelism every device holds a full copy of the model and processes a different slice of each batch; gradients are averaged with an all-reduce every step, which scales well while the model fits in one device\'s memory. Model parallelism splits the model itself: tensor parallelism splits individual layers across devices and needs fast interconnects, pipeline parallelism places layers on different devices and passes micro-batches along. Large models combine them, often with sharded data parallelism.',
    keyConcepts: ['data parallel', 'all reduce', 'model parallel', 'tensor parallelism', 'pipeline parallelism', 'memory'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-04', topic: 'mlops', difficulty: 3,
    prompt: 'Describe a CI/CD setup for machine learning models. What is different from ordinary software CI/CD?',
    referenceAnswer: 'Besides testing code, ML pipelines validate data (schema, distributions), train reproducibly, and evaluate the candidate model against the production model on fixed evaluation sets and slices, with gates that block promotion on regressions. Passing models go to the registry, then shadow or canary deployment with automatic rollback. Continuous training retrains on a schedule or on drift triggers. The difference is that behaviour depends on data, so data and model quality are tested, not just code.',
    keyConcepts: ['data validation', 'evaluation gates', 'model registry', 'shadow', 'rollback', 'continuous training'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-05', topic: 'mlops', difficulty: 3,
    prompt: 'How do you detect drift in a production model when labels arrive weeks later?',
    referenceAnswer: 'Compare current input feature distributions with a reference window, usually the training data, using statistics such as the population stability index, KL or Jensen-Shannon divergence, or Kolmogorov-Smirnov tests per feature, plus monitoring of the prediction score distribution. That is data drift; it is a leading signal. Concept drift, a change in the relationship between inputs and labels, can only be confirmed when labels arrive, which is the label delay problem, so evaluate matured cohorts as labels come in and use proxy labels meanwhile.',
    keyConcepts: ['data drift', 'reference window', 'population stability index', 'prediction distribution', 'concept drift', 'label delay'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-06', topic: 'training', difficulty: 3,
    prompt: 'What is mixed precision training, and why are loss scaling and master weights needed?',
    referenceAnswer: 'Mixed precision runs most computation in 16-bit floats, fp16 or bf16, to use tensor cores and halve memory traffic, while keeping a float32 master copy of the weights for updates, because tiny updates are lost in 16-bit precision. fp16 has a narrow exponent range so small gradients underflow to zero; loss scaling multiplies the loss by a large factor before backpropagation and divides the gradients afterwards, adjusting the factor dynamically when overflow occurs. bf16 has the float32 exponent range and usually needs no loss scaling.',
    keyConcepts: ['fp16', 'bf16', 'tensor cores', 'master weights', 'loss scaling', 'underflow'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-07', topic: 'deep-learning', difficulty: 3,
    prompt: 'Explain how self-attention works in a transformer and what its cost is.',
    referenceAnswer: 'Each token is projected into a query, a key and a value. The attention weights for a token are the softmax of its query\'s dot products with all keys, scaled by the square root of the dimension, and its output is the weighted sum of the values. Multiple heads do this in parallel on different projections. Every token attends to every other, so compute and memory grow quadratically with sequence length, which is why long contexts need techniques like FlashAttention or sparse attention.',
    keyConcepts: ['query', 'key', 'value', 'softmax', 'multiple heads', 'quadratic'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-08', topic: 'serving', difficulty: 3,
    prompt: 'Compare shadow deployment, canary release and A/B testing for rolling out a new model.',
    referenceAnswer: 'In shadow mode the new model receives a copy of live traffic and its predictions are logged but not used, which tests latency, errors and agreement with the old model at zero user risk, but cannot measure user impact. A canary sends a small share of real traffic to the new model and watches operational and quality metrics, rolling back on problems. An A/B test randomizes users between models for long enough to measure business metrics with statistical confidence. They are often used in that order.',
    keyConcepts: ['shadow', 'canary', 'A/B test', 'business metrics', 'user risk'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-09', topic: 'model-evaluation', difficulty: 3,
    prompt: 'A new ranking model improves offline NDCG but loses in the online A/B test. What could cause this?',
    referenceAnswer: 'The offline metric may not reflect the business objective, for example clicks versus purchases or long-term satisfaction. Offline data was logged under the old model, so it carries position and selection bias and a feedback loop; items the new model promotes were never shown, so they lack labels. Training-serving skew or stale features online, latency increases, or distribution shift between the evaluation set and current traffic can also explain it. Counterfactual evaluation and better proxy metrics help close the gap.',
    keyConcepts: ['offline metric', 'online metric', 'position bias', 'feedback loop', 'training serving skew', 'proxy'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-10', topic: 'training', difficulty: 3,
    prompt: 'How do you approach hyperparameter tuning when each training run is expensive?',
    referenceAnswer: 'Define a sensible search space, with learning rate on a log scale, and prioritize the most important hyperparameters. Random search beats grid search for the same budget; Bayesian optimization uses past results to pick promising configurations. Early-stopping methods such as successive halving or Hyperband kill bad runs early. Tune on a smaller model or data subset first where results transfer, run trials in parallel, and track everything in an experiment tracker.',
    keyConcepts: ['search space', 'random search', 'Bayesian optimization', 'early stopping', 'budget'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-11', topic: 'feature-pipelines', difficulty: 3,
    prompt: 'Your training labels come from human annotators and you suspect many are wrong. What do you do?',
    referenceAnswer: 'Measure it: have several annotators label a sample and compute agreement, and review disagreements to improve the labelling guidelines. Find likely label errors with confident learning or by looking at examples where a cross-validated model strongly disagrees with the label, and send them for relabelling. Use a clean, expert-labelled test set for evaluation. In training, robust losses or label smoothing reduce the impact of remaining noise.',
    keyConcepts: ['annotator agreement', 'guidelines', 'confident learning', 'relabel', 'clean test set'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-12', topic: 'serving', difficulty: 3,
    prompt: 'How does approximate nearest neighbor search work for embedding retrieval, and what trade-offs do you tune?',
    referenceAnswer: 'Exact search compares the query with every vector, which is too slow at millions of items. Approximate methods build an index: graph-based like HNSW, which walks a navigable small-world graph, inverted file indexes that cluster vectors and search only the nearest clusters, often with product quantization to compress vectors. You trade recall against latency and memory, through parameters such as ef search or the number of probed clusters, and index build time and update support matter too. Measure recall against exact search.',
    keyConcepts: ['approximate nearest neighbor', 'HNSW', 'product quantization', 'recall', 'latency', 'memory'],
  },
  {
    kind: 'spoken', id: 'mle-adv-spk-13', topic: 'deep-learning', difficulty: 3,
    prompt: 'How would you fine-tune a large pretrained model on limited GPUs? Explain LoRA.',
    referenceAnswer: 'Full fine-tuning updates all weights and needs memory for gradients and optimizer states. Parameter-efficient methods freeze the base model and train a small number of parameters. LoRA adds to selected weight matrices a low-rank update, the product of two small matrices, and trains only those; this cuts memory and storage, and adapters can be swapped per task or merged into the weights for inference. QLoRA combines it with a quantized base model. A lower learning rate and some general data help avoid catastrophic forgetting.',
    keyConcepts: ['parameter efficient', 'frozen base model', 'low rank', 'adapters', 'catastrophic forgetting'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'mle-adv-mcq-01', topic: 'training', difficulty: 2,
    prompt: 'In synchronous data-parallel training, what does the all-reduce step do?',
    options: ['Splits each layer across GPUs', 'Averages (sums) the gradients across all workers so every replica applies the same update', 'Sends the whole dataset to every worker', 'Selects the best model among workers'],
    correctIndex: 1,
    explanation: 'Each worker computes gradients on its shard; all-reduce combines them so replicas stay identical.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-02', topic: 'training', difficulty: 2,
    prompt: 'What does gradient accumulation let you do?',
    options: ['Train with an effective batch size larger than fits in memory, by summing gradients over several micro-batches before updating', 'Skip backpropagation', 'Use a larger learning rate safely without warmup', 'Train several models at once'],
    correctIndex: 0,
    explanation: 'N micro-batches accumulated then one optimizer step behave like a batch N times larger (except for batch-norm statistics).',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-03', topic: 'training', difficulty: 3,
    prompt: 'Why does fp16 mixed precision training use loss scaling?',
    options: ['To increase the learning rate', 'To reduce memory', 'To prevent small gradient values from underflowing to zero in fp16', 'To regularize the model'],
    correctIndex: 2,
    explanation: 'Scaling the loss shifts gradients into fp16\'s representable range; they are unscaled before the optimizer step.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-04', topic: 'training', difficulty: 3,
    prompt: 'Why is bf16 often easier to train with than fp16?',
    options: ['It has more mantissa bits than fp16', 'It uses less memory than fp16', 'It is supported on every GPU', 'It has the same exponent range as fp32, so overflow and underflow are rare and loss scaling is usually unnecessary'],
    correctIndex: 3,
    explanation: 'bf16 keeps 8 exponent bits (like fp32) and gives up mantissa precision instead.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-05', topic: 'feature-pipelines', difficulty: 3,
    prompt: 'When building training data from a feature store, what does a point-in-time join guarantee?',
    options: ['Features are taken as of each label\'s event timestamp, never from later', 'Features are always the latest values', 'Every feature is refreshed at the same moment', 'Online and offline stores use the same database'],
    correctIndex: 0,
    explanation: 'Joining the latest values would leak future information into training examples.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-06', topic: 'mlops', difficulty: 3,
    prompt: 'A feature\'s population stability index between training and last week\'s traffic is 0.3. How is this commonly interpreted?',
    options: ['No shift', 'A minor shift that needs no action', 'A significant distribution shift worth investigating', 'The model must be deleted'],
    correctIndex: 2,
    explanation: 'Rules of thumb: below 0.1 stable, 0.1 to 0.25 moderate, above 0.25 significant.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-07', topic: 'serving', difficulty: 3,
    prompt: 'What is the main trade-off of dynamic (server-side) batching for GPU inference?',
    options: ['Lower throughput for lower latency', 'Higher throughput at the cost of some queueing latency while a batch fills', 'Lower accuracy', 'More GPU memory per request with no throughput change'],
    correctIndex: 1,
    explanation: 'A maximum wait time bounds the added latency; batch size bounds memory.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-08', topic: 'deep-learning', difficulty: 2,
    prompt: 'What is knowledge distillation?',
    options: ['Removing weights close to zero', 'Converting weights to int8', 'Training on a filtered dataset', 'Training a smaller student model to match a larger teacher\'s output distribution (soft targets)'],
    correctIndex: 3,
    explanation: 'Soft targets carry more information than hard labels, so a student can approach the teacher\'s quality.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-09', topic: 'deep-learning', difficulty: 2,
    prompt: 'How does the cost of standard self-attention scale with sequence length n?',
    options: ['O(n^2) in compute and in memory for the attention matrix', 'O(n)', 'O(log n)', 'O(n^3)'],
    correctIndex: 0,
    explanation: 'Every token attends to every other token; FlashAttention reduces memory traffic but compute remains quadratic.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-10', topic: 'serving', difficulty: 3,
    prompt: 'In an HNSW index, what happens when you increase ef_search?',
    options: ['Index build becomes faster', 'Memory use halves', 'Recall improves and query latency increases', 'Recall drops but queries get faster'],
    correctIndex: 2,
    explanation: 'A larger candidate list explores more of the graph: better recall, more distance computations.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-11', topic: 'serving', difficulty: 2,
    prompt: 'In a shadow deployment, what happens to the new model\'s predictions?',
    options: ['They replace the old model\'s predictions for 5% of users', 'They are logged and compared, but never returned to users', 'They are averaged with the old model\'s predictions', 'They are shown only to internal users'],
    correctIndex: 1,
    explanation: 'Shadowing exercises the new model on real traffic without user impact.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-12', topic: 'training', difficulty: 2,
    prompt: 'What does gradient clipping by global norm protect against?',
    options: ['Vanishing gradients', 'Overfitting', 'Slow data loading', 'Exploding gradients causing huge, destabilizing updates'],
    correctIndex: 3,
    explanation: 'If the gradient norm exceeds a threshold, the gradient is rescaled; common for RNNs and transformers.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-13', topic: 'training', difficulty: 3,
    prompt: 'How does Adam adapt the step size?',
    options: ['Per parameter, using running averages of the gradient (first moment) and squared gradient (second moment)', 'Globally, by halving the learning rate each epoch', 'By line search', 'By using second derivatives (the Hessian)'],
    correctIndex: 0,
    explanation: 'Parameters with consistently large gradients get smaller steps; bias correction fixes the early steps.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-14', topic: 'training', difficulty: 3,
    prompt: 'What is the difference between AdamW and Adam with L2 regularization?',
    options: ['AdamW has no momentum', 'AdamW uses a fixed learning rate', 'AdamW applies weight decay directly to the weights, decoupled from the adaptive gradient scaling', 'They are identical'],
    correctIndex: 2,
    explanation: 'With Adam, an L2 term in the gradient is rescaled per parameter, weakening regularization; decoupling fixes it.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-15', topic: 'training', difficulty: 3,
    prompt: 'Why use a learning-rate warmup at the start of transformer training?',
    options: ['To save memory', 'Early updates with a full learning rate, when Adam\'s statistics are unreliable and weights random, can destabilize training', 'To speed up data loading', 'To make the model smaller'],
    correctIndex: 1,
    explanation: 'Ramping up the learning rate over the first steps avoids early divergence.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-16', topic: 'deep-learning', difficulty: 3,
    prompt: 'What does LoRA train?',
    options: ['All weights at a lower learning rate', 'Only the embedding layer', 'A new output head only', 'Low-rank matrices A and B whose product is added to frozen weight matrices'],
    correctIndex: 3,
    explanation: 'With rank r much smaller than the layer width, trainable parameters drop by orders of magnitude.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-17', topic: 'training', difficulty: 3,
    prompt: 'What does focal loss do for a detector trained on extremely imbalanced data?',
    options: ['Down-weights easy, well-classified examples so training focuses on hard ones', 'Removes the majority class', 'Increases the learning rate for rare classes', 'Replaces cross-entropy with squared error'],
    correctIndex: 0,
    explanation: 'The (1 - p)^gamma factor shrinks the loss of confident correct predictions, which dominate in number.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-18', topic: 'feature-pipelines', difficulty: 2,
    prompt: 'What is the online store of a feature store optimized for?',
    options: ['Large historical scans for training', 'Storing model weights', 'Low-latency lookup of the latest feature values by entity key at inference time', 'Running SQL analytics'],
    correctIndex: 2,
    explanation: 'The offline store serves history for training; the online store is a key-value store for serving.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-19', topic: 'mlops', difficulty: 2,
    prompt: 'Which situation is concept drift rather than data drift?',
    options: ['Users from a new country start using the app', 'A sensor starts reporting in Fahrenheit instead of Celsius', 'Mobile traffic share doubles', 'After a competitor\'s launch, the same user behaviour now predicts churn differently'],
    correctIndex: 3,
    explanation: 'Concept drift changes P(y | x); the others change the input distribution P(x) (or break the input).',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-20', topic: 'model-evaluation', difficulty: 3,
    prompt: 'You trained with negatives downsampled 10x to save compute. What happens to the predicted probabilities?',
    options: ['They are unaffected', 'They overestimate the positive rate and must be corrected or recalibrated before being used as probabilities', 'They underestimate the positive rate', 'They become exactly calibrated'],
    correctIndex: 1,
    explanation: 'The model learned a 10x higher base rate; a prior correction or calibration on representative data fixes it.',
  },
  {
    kind: 'mcq', id: 'mle-adv-mcq-21', topic: 'serving', difficulty: 3,
    prompt: 'What do inference compilers such as TensorRT or ONNX Runtime graph optimizations typically do?',
    options: ['Fuse operators, fold constants and select hardware-specific kernels to reduce latency', 'Retrain the model on more data', 'Increase numerical precision', 'Add dropout for robustness'],
    correctIndex: 0,
    explanation: 'Fewer, larger kernels mean fewer memory round-trips and kernel launches.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'mle-adv-code-1', topic: 'serving', difficulty: 3,
    title: 'Top-k by cosine similarity',
    statement: 'Given a `query` vector and `items` (`{ id, vector }`, vectors of the same length), return the ids of the `k` items with the highest cosine similarity to the query, highest first. Break ties by id ascending (plain string comparison). If either vector has zero length (norm 0), their similarity is 0. If k exceeds the number of items, return all of them.',
    functionName: 'cosineTopK',
    signature: 'function cosineTopK(query: number[], items: { id: string; vector: number[] }[], k: number): string[]',
    starterCode: 'function cosineTopK(query: number[], items: { id: string; vector: number[] }[], k: number): string[] {\n  // your code here\n  return items.slice(0, k).map((item) => item.id);\n}\n',
    referenceSolution: `function cosineTopK(query, items, k) {
  const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const qn = norm(query);
  const scored = items.map((item) => {
    const n = norm(item.vector);
    let dot = 0;
    for (let i = 0; i < query.length; i++) dot += query[i] * item.vector[i];
    return { id: item.id, sim: qn === 0 || n === 0 ? 0 : dot / (qn * n) };
  });
  scored.sort((a, b) => b.sim - a.sim || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k).map((s) => s.id);
}`,
    exampleTests: [
      { args: [[1, 0], [{ id: 'a', vector: [1, 0] }, { id: 'b', vector: [0, 1] }, { id: 'c', vector: [1, 1] }], 2], expected: ['a', 'c'] },
    ],
    hiddenTests: [
      { args: [[1, 1], [{ id: 'z', vector: [2, 2] }, { id: 'y', vector: [1, 1] }, { id: 'x', vector: [1, 0] }], 2], expected: ['y', 'z'], description: 'ties broken by id; magnitude ignored' },
      { args: [[1, 0], [{ id: 'neg', vector: [-1, 0] }, { id: 'zero', vector: [0, 0] }], 2], expected: ['zero', 'neg'], description: 'zero vector scores 0, above a negative similarity' },
      { args: [[3, 4], [{ id: 'r', vector: [0, 5] }, { id: 'q', vector: [4, 3] }, { id: 'p', vector: [6, 8] }], 5], expected: ['p', 'q', 'r'], description: 'k larger than the item count' },
      { args: [[1, 2], [{ id: 'a', vector: [1, 2] }], 0], expected: [], description: 'k = 0' },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'mle-adv-code-2', topic: 'training', difficulty: 3,
    title: 'Warmup plus cosine learning-rate schedule',
    statement: 'Return the learning rate at `step` for a schedule `{ baseLr, minLr, warmupSteps, totalSteps }`. For step < warmupSteps: baseLr * step / warmupSteps (linear warmup from 0). For step >= totalSteps: minLr. Otherwise, with progress = (step - warmupSteps) / (totalSteps - warmupSteps): minLr + 0.5 * (baseLr - minLr) * (1 + cos(pi * progress)). Round the result to 8 decimals with `Math.round(lr * 1e8) / 1e8`.',
    functionName: 'lrAtStep',
    signature: 'function lrAtStep(step: number, schedule: { baseLr: number; minLr: number; warmupSteps: number; totalSteps: number }): number',
    starterCode: 'type Schedule = { baseLr: number; minLr: number; warmupSteps: number; totalSteps: number };\n\nfunction lrAtStep(step: number, schedule: Schedule): number {\n  // your code here\n  return schedule.baseLr;\n}\n',
    referenceSolution: `function lrAtStep(step, schedule) {
  const { baseLr, minLr, warmupSteps, totalSteps } = schedule;
  const round = (x) => Math.round(x * 1e8) / 1e8;
  if (step < warmupSteps) return round((baseLr * step) / warmupSteps);
  if (step >= totalSteps) return minLr;
  const progress = (step - warmupSteps) / (totalSteps - warmupSteps);
  return round(minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * progress)));
}`,
    exampleTests: [
      { args: [50, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.0005 },
      { args: [600, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.00055 },
    ],
    hiddenTests: [
      { args: [0, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0, description: 'first step' },
      { args: [99, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.00099, description: 'last warmup step' },
      { args: [100, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.001, description: 'peak' },
      { args: [350, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.0008682, description: 'quarter of the decay' },
      { args: [850, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.0002318, description: 'three quarters of the decay' },
      { args: [5000, { baseLr: 0.001, minLr: 0.0001, warmupSteps: 100, totalSteps: 1100 }], expected: 0.0001, description: 'after the end' },
      { args: [5, { baseLr: 0.1, minLr: 0, warmupSteps: 0, totalSteps: 10 }], expected: 0.05, description: 'no warmup' },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'mle-adv-code-3', topic: 'mlops', difficulty: 3,
    title: 'Population stability index',
    statement: 'Compare a feature\'s binned distribution at training time (`expected` counts per bin) with production (`actual` counts, same bins). Convert each to proportions of its own total; replace any proportion below 0.0001 with 0.0001. PSI = sum over bins of (actual% - expected%) * ln(actual% / expected%). Return `{ psi, level }` with psi rounded to 4 decimals (`Math.round(x * 10000) / 10000`) and level "stable" if the unrounded PSI < 0.1, "moderate" if < 0.25, otherwise "significant".',
    functionName: 'populationStabilityIndex',
    signature: 'function populationStabilityIndex(expected: number[], actual: number[]): { psi: number; level: "stable" | "moderate" | "significant" }',
    starterCode: 'type PsiResult = { psi: number; level: "stable" | "moderate" | "significant" };\n\nfunction populationStabilityIndex(expected: number[], actual: number[]): PsiResult {\n  // your code here\n  return { psi: 0, level: "stable" };\n}\n',
    referenceSolution: `function populationStabilityIndex(expected, actual) {
  const total = (xs) => xs.reduce((a, b) => a + b, 0);
  const te = total(expected), ta = total(actual);
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] / te, 0.0001);
    const a = Math.max(actual[i] / ta, 0.0001);
    psi += (a - e) * Math.log(a / e);
  }
  const level = psi < 0.1 ? 'stable' : psi < 0.25 ? 'moderate' : 'significant';
  return { psi: Math.round(psi * 10000) / 10000, level };
}`,
    exampleTests: [{ args: [[100, 200, 300, 400], [50, 150, 300, 500]], expected: { psi: 0.0714, level: 'stable' } }],
    hiddenTests: [
      { args: [[100, 200, 300, 400], [100, 200, 300, 400]], expected: { psi: 0, level: 'stable' }, description: 'identical' },
      { args: [[1, 1], [2, 2]], expected: { psi: 0, level: 'stable' }, description: 'same proportions, different totals' },
      { args: [[250, 250, 250, 250], [100, 200, 300, 400]], expected: { psi: 0.2282, level: 'moderate' }, description: 'moderate shift' },
      { args: [[10, 20, 70], [25, 25, 50]], expected: { psi: 0.2159, level: 'moderate' }, description: 'three bins' },
      { args: [[500, 500, 0], [400, 400, 200]], expected: { psi: 1.564, level: 'significant' }, description: 'empty bin uses the floor' },
    ],
    timeLimitSec: 900,
  },
]);

const EXPERT = scoped('expert', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'mle-exp-spk-01', topic: 'mlops', difficulty: 5,
    prompt: 'Design an ML platform for a company that will run hundreds of models in production. What are the main components and why?',
    referenceAnswer: 'A feature store with shared, versioned feature definitions for offline training and online serving; data validation; orchestrated, reproducible training pipelines with an experiment tracker; a model registry with lineage and promotion gates; serving infrastructure for batch, online and streaming with standard deployment patterns such as shadow and canary; and monitoring of data drift, prediction quality and cost, with alerts to owners. Paved paths and templates matter as much as components, so teams do not build their own stack.',
    keyConcepts: ['feature store', 'training pipelines', 'model registry', 'serving', 'monitoring', 'paved paths'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-02', topic: 'serving', difficulty: 5,
    prompt: 'You need to serve a large language model to thousands of concurrent users. What determines throughput and latency, and which techniques would you use?',
    referenceAnswer: 'Prefill of the prompt is compute bound and sets time to first token; decoding is one token per step and memory-bandwidth bound, so batching many sequences raises throughput. The KV cache grows with sequence length and batch and limits concurrency, so paged KV cache management and continuous batching, which adds and removes requests at token boundaries, are key. Quantization of weights and KV cache reduces memory, tensor parallelism splits large models across GPUs, and speculative decoding and prefix caching cut latency. Track time to first token and tokens per second per user.',
    keyConcepts: ['KV cache', 'continuous batching', 'memory bandwidth', 'quantization', 'tensor parallelism', 'time to first token'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-03', topic: 'training', difficulty: 5,
    prompt: 'How would you train a model that does not fit on one GPU across hundreds of GPUs, and how do you deal with failures during a weeks-long run?',
    referenceAnswer: 'Combine parallelism: sharded data parallelism like ZeRO or FSDP shards parameters, gradients and optimizer states; tensor parallelism within a node over fast links; pipeline parallelism across nodes with micro-batches to reduce the bubble; and activation checkpointing to save memory. Overlap communication with computation to hide communication overhead. For failures, checkpoint regularly and asynchronously to durable storage, balancing checkpoint cost against lost work, detect failed or slow nodes automatically, restart from the last checkpoint with spare nodes, and monitor loss spikes.',
    keyConcepts: ['sharded data parallelism', 'tensor parallelism', 'pipeline parallelism', 'checkpointing', 'communication overhead', 'failed nodes'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-04', topic: 'model-evaluation', difficulty: 4,
    prompt: 'What feedback loops arise in a recommender system, and how do you counter them?',
    referenceAnswer: 'The model decides what users see, and its training data comes from what they saw, so a feedback loop reinforces its own choices: popular items get more exposure and more clicks, new items never get data, and position bias makes top-ranked items look better than they are. Counter it with exploration, for example a small share of randomized or bandit-driven recommendations, inverse propensity weighting or position-bias correction in training, logging propensities, and counterfactual evaluation rather than naive offline metrics.',
    keyConcepts: ['feedback loop', 'popularity bias', 'position bias', 'exploration', 'propensity', 'counterfactual'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-05', topic: 'serving', difficulty: 5,
    prompt: 'Design a real-time fraud scoring system that must answer within 50 milliseconds during card authorization.',
    referenceAnswer: 'Split the latency budget among feature lookup, model inference and network. Streaming jobs maintain aggregate features such as spend in the last hour per card in a low latency online store, so the request path only reads them. Use a fast model like gradient boosted trees, possibly with a cascade where only borderline cases go to a heavier model. Always have a fallback, rules or a default decision, when a dependency times out. Log served features and decisions for training; labels arrive weeks later as chargebacks, so monitor drift and use delayed evaluation.',
    keyConcepts: ['latency budget', 'streaming features', 'online store', 'fallback', 'rules', 'label delay'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-06', topic: 'mlops', difficulty: 4,
    prompt: 'Models often fail silently: no errors, just bad predictions. How do you design guardrails against silent failures?',
    referenceAnswer: 'Validate inputs at the service boundary against the training schema and ranges, and count missing or default values, since an upstream bug often shows up as a feature stuck at zero. Monitor the distribution of predictions and feature drift against a reference, with alerts. Add sanity checks on outputs, such as bounds and business rules, and a fallback model or rules when checks fail. Compare with the previous model in shadow, and track delayed ground truth and business KPIs.',
    keyConcepts: ['input validation', 'missing or default values', 'prediction distribution', 'drift', 'fallback', 'alerts'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-07', topic: 'mlops', difficulty: 4,
    prompt: 'A pricing model affects revenue directly. Describe how you would release a new version and how rollback works.',
    referenceAnswer: 'Offline evaluation gates against the current model on fixed and recent data and key slices. Then shadow mode to check latency and prediction differences on live traffic. Then a canary or A/B test on a small share with guardrail metrics such as conversion and revenue and automated rollback thresholds, increasing exposure in steps. Rollback must be instant: the previous model artifact and its feature versions stay deployed and versioned so traffic can be flipped back by configuration, without a rebuild.',
    keyConcepts: ['offline evaluation', 'shadow', 'canary', 'guardrail metrics', 'automated rollback', 'versioned artifacts'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-08', topic: 'serving', difficulty: 4,
    prompt: 'The GPU inference bill has doubled in six months. How do you reduce it without hurting quality?',
    referenceAnswer: 'Measure utilization per model: many deployments have GPUs idle or running small batches. Increase utilization with dynamic batching, packing several models on one GPU, and autoscaling on queue depth rather than CPU. Make models cheaper with quantization, distillation, compiled runtimes, and caching repeated requests. Right-size instance types, use spot capacity for batch and asynchronous workloads, and move low-traffic models to CPU. Verify each change against quality metrics.',
    keyConcepts: ['utilization', 'dynamic batching', 'autoscaling', 'quantization', 'right sizing', 'spot instances'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-09', topic: 'training', difficulty: 4,
    prompt: 'Two training runs with the same code, data and seed give noticeably different models. What could cause this and how do you get reproducibility?',
    referenceAnswer: 'Sources of nondeterminism: GPU kernels using atomic floating-point additions whose order varies, autotuned algorithm selection, multi-worker data loading and shuffling order, distributed reductions in different orders, different library or driver versions, and hardware differences. Fixes: enable deterministic algorithms and disable autotuning where needed, seed every worker, fix data order and sharding, pin the environment in a container, and record full lineage. Some nondeterminism costs speed, so decide how much reproducibility you need and measure run-to-run variance.',
    keyConcepts: ['nondeterminism', 'atomic additions', 'data ordering', 'deterministic algorithms', 'pinned environment', 'lineage'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-10', topic: 'model-evaluation', difficulty: 5,
    prompt: 'How would you evaluate and debug a retrieval-augmented generation system that gives wrong answers?',
    referenceAnswer: 'Evaluate retrieval and generation separately on a labelled evaluation set of questions with known relevant documents and answers. For retrieval, measure recall at k and ranking quality; failures often come from chunking, missing documents, embedding mismatch or no hybrid keyword search. For generation, check faithfulness or grounding in the retrieved context and answer correctness, catching hallucination when the context lacks the answer. Trace each failing query through the pipeline, then track metrics in CI and production.',
    keyConcepts: ['evaluation set', 'retrieval recall', 'chunking', 'grounding', 'hallucination'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-11', topic: 'serving', difficulty: 4,
    prompt: 'You are replacing the embedding model behind a semantic search index of 500 million documents. How do you migrate?',
    referenceAnswer: 'Embeddings from different models live in incompatible vector spaces, so queries embedded with the new model cannot search the old index. Build a new versioned index by re-embedding the corpus in a backfill job, with a dual write of new and updated documents to both indexes. Evaluate the new index offline and in an A/B test, then switch queries atomically to the new model and index together and keep the old one for rollback until confident. Plan the compute cost of re-embedding.',
    keyConcepts: ['incompatible vector spaces', 're-embed', 'versioned index', 'dual write', 'backfill', 'rollback'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-12', topic: 'serving', difficulty: 4,
    prompt: 'Many teams want to share one GPU serving cluster. What isolation and scheduling problems do you need to solve?',
    referenceAnswer: 'Noisy neighbors: one model\'s traffic spike or memory leak must not starve others, so use per-tenant quotas, rate limits and priorities. GPU sharing options are whole GPUs, MIG partitions with hard isolation, or time-sliced sharing with weaker isolation. Model loading is slow, so decide which models stay resident and how to handle cold starts. Add per-tenant metrics and cost attribution, and separate latency-critical from batch workloads.',
    keyConcepts: ['noisy neighbor', 'quotas', 'GPU sharing', 'isolation', 'cold start', 'cost attribution'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'mle-exp-spk-13', topic: 'training', difficulty: 4,
    prompt: 'What are the risks of continuously retraining a model on fresh production data, and how do you mitigate them?',
    referenceAnswer: 'Fresh data may be corrupted by a pipeline bug, poisoned by adversaries, or shaped by the model\'s own feedback loop; the model can also forget rare but important patterns. Mitigate with data validation before training, provenance and anomaly checks on new data, evaluation gates against the current model on fixed benchmark sets and key slices, replay of older data, gradual rollout, and one-click rollback to the previous version.',
    keyConcepts: ['data validation', 'poisoning', 'feedback loop', 'forgetting', 'evaluation gates', 'rollback'],
    timeLimitSec: 180,
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'mle-exp-mcq-01', topic: 'training', difficulty: 4,
    prompt: 'What does ZeRO stage 3 (or PyTorch FSDP full sharding) shard across data-parallel workers?',
    options: ['Only optimizer states', 'Parameters, gradients and optimizer states', 'Only the input data', 'Only activations'],
    correctIndex: 1,
    explanation: 'Stage 1 shards optimizer states, stage 2 adds gradients, stage 3 adds parameters, gathered layer by layer when needed.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-02', topic: 'training', difficulty: 4,
    prompt: 'What reduces the "bubble" (idle time) in pipeline-parallel training?',
    options: ['Larger learning rates', 'Fewer pipeline stages than GPUs', 'Splitting each batch into many micro-batches that flow through the stages concurrently', 'Disabling gradient accumulation'],
    correctIndex: 2,
    explanation: 'With more micro-batches per stage, the fill and drain phases become a smaller fraction of each step.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-03', topic: 'training', difficulty: 4,
    prompt: 'Why is tensor parallelism usually kept within a single node?',
    options: ['It needs collective communication inside every layer, which requires high-bandwidth links such as NVLink', 'It cannot use more than 8 GPUs by design', 'It only works with fp32', 'It does not need communication'],
    correctIndex: 0,
    explanation: 'Layer-level all-reduces on every forward and backward pass are too slow over inter-node networks.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-04', topic: 'serving', difficulty: 4,
    prompt: 'How does the KV cache memory of transformer decoding scale?',
    options: ['It is constant per model', 'Quadratically with the vocabulary size', 'Only with the number of parameters', 'Linearly with sequence length and batch size (and with layers and hidden size)'],
    correctIndex: 3,
    explanation: 'Each token stores a key and value per layer and head; long contexts and large batches exhaust GPU memory.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-05', topic: 'serving', difficulty: 4,
    prompt: 'What is continuous (in-flight) batching in LLM serving?',
    options: ['Waiting until a full batch of prompts arrives', 'Adding new requests to, and removing finished ones from, the running batch at each decoding step', 'Batching only the prefill phase', 'Sending each request to a different GPU'],
    correctIndex: 1,
    explanation: 'Static batches wait for their longest sequence; continuous batching keeps the GPU full.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-06', topic: 'serving', difficulty: 5,
    prompt: 'What problem does PagedAttention (as in vLLM) address?',
    options: ['Quadratic attention compute', 'Slow tokenization', 'Fragmentation and over-reservation of KV cache memory, by allocating it in fixed-size blocks on demand', 'Model loading time'],
    correctIndex: 2,
    explanation: 'Block-based allocation wastes little memory, so more sequences fit; blocks can also be shared between requests with a common prefix.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-07', topic: 'serving', difficulty: 5,
    prompt: 'How does speculative decoding speed up generation?',
    options: ['A small draft model proposes several tokens and the large model verifies them in one forward pass, keeping the large model\'s output distribution', 'It skips every other token', 'It lowers the sampling temperature', 'It caches answers to common prompts'],
    correctIndex: 0,
    explanation: 'Accepted draft tokens cost one target-model pass for several tokens; rejection sampling preserves the target distribution.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-08', topic: 'training', difficulty: 4,
    prompt: 'How should checkpoint frequency be chosen for a long distributed training run?',
    options: ['As often as possible', 'Only at the end of training', 'Once per epoch regardless of epoch length', 'Balance checkpoint overhead against expected lost work; roughly sqrt(2 x checkpoint cost x mean time between failures)'],
    correctIndex: 3,
    explanation: 'Young\'s approximation gives the optimal interval; asynchronous checkpointing lowers the cost and allows more frequent saves.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-09', topic: 'training', difficulty: 5,
    prompt: 'In a ring all-reduce over N GPUs of a buffer of size S, roughly how much data does each GPU send?',
    options: ['S x N', '2 x S x (N - 1) / N, nearly independent of N', 'S / N', 'S x log2(N)'],
    correctIndex: 1,
    explanation: 'Reduce-scatter plus all-gather each move (N-1)/N of the buffer, which is why ring all-reduce scales with bandwidth.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-10', topic: 'model-evaluation', difficulty: 4,
    prompt: 'Items in the top slot of a feed get far more clicks regardless of relevance. How should training account for this?',
    options: ['Ignore it; clicks are ground truth', 'Train only on the top slot', 'Estimate position bias (e.g. from randomized swaps) and correct with inverse propensity weighting or a position feature set to a fixed value at serving', 'Remove all clicked items from training'],
    correctIndex: 2,
    explanation: 'Without correction the model learns "was ranked high" rather than "is relevant", reinforcing the old ranking.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-11', topic: 'serving', difficulty: 4,
    prompt: 'You upgrade the embedding model used for queries but keep the existing document index. What happens?',
    options: ['Retrieval quality collapses because the query and document vectors come from different, incompatible spaces', 'Retrieval improves immediately', 'Nothing changes if dimensions match', 'Only latency changes'],
    correctIndex: 0,
    explanation: 'Even with the same dimension, different models do not share a coordinate system; re-embed the corpus into a new index.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-12', topic: 'serving', difficulty: 4,
    prompt: 'A request fans out to 100 model shards in parallel and waits for all. Each shard exceeds its own p99 latency 1% of the time, independently. About what share of requests see at least one slow shard?',
    options: ['1%', '10%', '99%', 'About 63%'],
    correctIndex: 3,
    explanation: '1 - 0.99^100 is about 0.634; tail latency dominates fan-out systems.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-13', topic: 'serving', difficulty: 4,
    prompt: 'What are hedged requests?',
    options: ['Requests that are retried only after failing', 'Sending a duplicate request to another replica if the first has not answered after a short delay, and using whichever answers first', 'Requests with a lower priority', 'Requests that bypass the cache'],
    correctIndex: 1,
    explanation: 'Hedging after, say, the p95 latency cuts tail latency for a few percent of extra load.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-14', topic: 'mlops', difficulty: 4,
    prompt: 'A model retrains nightly on user-submitted content. What is the strongest defence against data poisoning?',
    options: ['Training for more epochs', 'Using a larger model', 'Provenance and anomaly checks on new data, plus evaluation gates on trusted fixed test sets before promotion', 'Retraining hourly instead'],
    correctIndex: 2,
    explanation: 'Poisoned data must be filtered before training, and a poisoned model must fail gates before it reaches users.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-15', topic: 'training', difficulty: 4,
    prompt: 'What is a common source of run-to-run nondeterminism on GPUs even with fixed seeds?',
    options: ['Floating-point atomic additions whose order varies between runs, so sums round differently', 'The seed is ignored by GPUs', 'GPU memory errors', 'Python dictionary ordering'],
    correctIndex: 0,
    explanation: 'Floating-point addition is not associative; deterministic kernels fix the order at some speed cost.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-16', topic: 'feature-pipelines', difficulty: 4,
    prompt: 'What is the most reliable way to detect online/offline feature skew for a deployed model?',
    options: ['Compare feature code by reading it', 'Retrain more often', 'Check that both pipelines ran successfully', 'Log the feature values actually served and compare them with the offline pipeline\'s values for the same entities and timestamps'],
    correctIndex: 3,
    explanation: 'Row-level comparison of served versus recomputed features catches subtle differences in logic, timing and defaults.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-17', topic: 'serving', difficulty: 4,
    prompt: 'Why is CPU utilization a poor autoscaling signal for GPU inference services?',
    options: ['CPUs are not used at all', 'The GPU is the bottleneck, so CPU load does not reflect saturation; queue depth, in-flight requests or GPU utilization track demand better', 'CPU metrics are not available in Kubernetes', 'It scales too aggressively'],
    correctIndex: 1,
    explanation: 'A GPU-bound service can be overloaded while its CPUs look idle.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-18', topic: 'serving', difficulty: 3,
    prompt: 'What is a model cascade?',
    options: ['Several models trained on different data and averaged', 'A sequence of retraining jobs', 'A cheap model handles confident cases and passes only uncertain ones to an expensive model', 'A failure spreading from one model to the next'],
    correctIndex: 2,
    explanation: 'Most traffic is easy, so average cost and latency fall while hard cases keep high quality.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-19', topic: 'serving', difficulty: 5,
    prompt: 'Why does 4-bit weight-only quantization speed up LLM decoding at small batch sizes?',
    options: ['Decoding is memory-bandwidth bound, and reading 4-bit weights moves about 4x less data than fp16', 'Integer arithmetic is always faster than floating point', 'It reduces the number of layers', 'It shortens the generated text'],
    correctIndex: 0,
    explanation: 'Each token reads all weights; fewer bytes per weight means faster steps even though compute is dequantized to higher precision.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-20', topic: 'serving', difficulty: 4,
    prompt: 'Which phase of LLM inference is typically compute-bound?',
    options: ['Decoding at batch size 1', 'Tokenization', 'Sampling', 'Prefill, processing the whole prompt in parallel'],
    correctIndex: 3,
    explanation: 'Prefill runs large matrix multiplications over many tokens at once; decode processes one token per sequence per step.',
  },
  {
    kind: 'mcq', id: 'mle-exp-mcq-21', topic: 'mlops', difficulty: 4,
    prompt: 'A newly promoted model passed offline gates but a key segment\'s conversion dropped sharply after rollout. What release practice would most likely have caught it before full exposure?',
    options: ['Longer training', 'A bigger offline test set with no slicing', 'A staged canary with per-segment guardrail metrics and automatic rollback', 'Disabling monitoring during rollout'],
    correctIndex: 2,
    explanation: 'Aggregate metrics hide segment regressions; staged exposure with sliced guardrails limits the blast radius.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'mle-exp-code-1', topic: 'serving', difficulty: 4,
    title: 'Dynamic batching simulator',
    statement: 'Inference requests `{ id, arrivalMs }` are given in arrival order. A server batches them: when a request arrives and no batch is open, a batch opens at that time. A request joins the open batch if it arrives no later than openedAt + maxWaitMs. The batch is dispatched as soon as it holds `maxBatchSize` requests (dispatch time = arrival of the request that filled it), or else at openedAt + maxWaitMs. A request arriving after that deadline finds the old batch dispatched and opens a new one. Return the batches in dispatch order as `{ ids, dispatchMs }`.',
    functionName: 'dynamicBatches',
    signature: 'function dynamicBatches(requests: { id: string; arrivalMs: number }[], maxBatchSize: number, maxWaitMs: number): { ids: string[]; dispatchMs: number }[]',
    starterCode: 'type Batch = { ids: string[]; dispatchMs: number };\n\nfunction dynamicBatches(requests: { id: string; arrivalMs: number }[], maxBatchSize: number, maxWaitMs: number): Batch[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function dynamicBatches(requests, maxBatchSize, maxWaitMs) {
  const batches = [];
  let open = null;
  for (const r of requests) {
    if (open && r.arrivalMs > open.openedAt + maxWaitMs) {
      batches.push({ ids: open.ids, dispatchMs: open.openedAt + maxWaitMs });
      open = null;
    }
    if (!open) open = { openedAt: r.arrivalMs, ids: [] };
    open.ids.push(r.id);
    if (open.ids.length === maxBatchSize) {
      batches.push({ ids: open.ids, dispatchMs: r.arrivalMs });
      open = null;
    }
  }
  if (open) batches.push({ ids: open.ids, dispatchMs: open.openedAt + maxWaitMs });
  return batches;
}`,
    exampleTests: [
      {
        args: [[{ id: 'a', arrivalMs: 0 }, { id: 'b', arrivalMs: 2 }, { id: 'c', arrivalMs: 4 }, { id: 'd', arrivalMs: 5 }, { id: 'e', arrivalMs: 30 }], 3, 10],
        expected: [{ ids: ['a', 'b', 'c'], dispatchMs: 4 }, { ids: ['d'], dispatchMs: 15 }, { ids: ['e'], dispatchMs: 40 }],
      },
    ],
    hiddenTests: [
      { args: [[], 4, 10], expected: [], description: 'no requests' },
      {
        args: [[{ id: 'a', arrivalMs: 0 }, { id: 'b', arrivalMs: 10 }, { id: 'c', arrivalMs: 11 }], 3, 10],
        expected: [{ ids: ['a', 'b'], dispatchMs: 10 }, { ids: ['c'], dispatchMs: 21 }],
        description: 'arrival exactly at the deadline still joins',
      },
      {
        args: [[{ id: 'a', arrivalMs: 0 }, { id: 'b', arrivalMs: 0 }], 1, 50],
        expected: [{ ids: ['a'], dispatchMs: 0 }, { ids: ['b'], dispatchMs: 0 }],
        description: 'batch size 1 dispatches immediately',
      },
      {
        args: [[{ id: 'a', arrivalMs: 5 }, { id: 'b', arrivalMs: 5 }, { id: 'c', arrivalMs: 5 }, { id: 'd', arrivalMs: 5 }, { id: 'e', arrivalMs: 6 }], 2, 100],
        expected: [{ ids: ['a', 'b'], dispatchMs: 5 }, { ids: ['c', 'd'], dispatchMs: 5 }, { ids: ['e'], dispatchMs: 106 }],
        description: 'burst fills several batches',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'mle-exp-code-2', topic: 'model-evaluation', difficulty: 4,
    title: 'Expected calibration error',
    statement: 'Given predicted probabilities `probs` (in [0, 1]), binary `labels` and `numBins`, compute the expected calibration error. Assign each prediction to bin Math.min(Math.floor(p * numBins), numBins - 1). ECE = sum over non-empty bins of (binCount / total) * |mean predicted probability in the bin - fraction of positive labels in the bin|. Round to 4 decimals (`Math.round(x * 10000) / 10000`); return 0 for empty input.',
    functionName: 'expectedCalibrationError',
    signature: 'function expectedCalibrationError(probs: number[], labels: number[], numBins: number): number',
    starterCode: 'function expectedCalibrationError(probs: number[], labels: number[], numBins: number): number {\n  // your code here\n  return 0;\n}\n',
    referenceSolution: `function expectedCalibrationError(probs, labels, numBins) {
  if (probs.length === 0) return 0;
  const bins = Array.from({ length: numBins }, () => ({ n: 0, sumP: 0, sumY: 0 }));
  probs.forEach((p, i) => {
    const b = bins[Math.min(Math.floor(p * numBins), numBins - 1)];
    b.n++; b.sumP += p; b.sumY += labels[i];
  });
  let ece = 0;
  for (const b of bins) if (b.n > 0) ece += (b.n / probs.length) * Math.abs(b.sumP / b.n - b.sumY / b.n);
  return Math.round(ece * 10000) / 10000;
}`,
    exampleTests: [{ args: [[0.9, 0.8, 0.3, 0.2], [1, 1, 0, 0], 5], expected: 0.2 }],
    hiddenTests: [
      { args: [[], [], 10], expected: 0, description: 'empty' },
      { args: [[0.95, 0.95, 0.95, 0.95], [1, 0, 1, 0], 10], expected: 0.45, description: 'overconfident' },
      { args: [[0.1, 0.45, 0.55, 1.0], [0, 0, 1, 1], 2], expected: 0.25, description: 'p = 1 goes to the last bin' },
      { args: [[0.62, 0.68, 0.15], [1, 0, 0], 10], expected: 0.15, description: 'weights by bin size' },
      { args: [[0.25, 0.25, 0.75, 0.75], [0, 1, 1, 1], 2], expected: 0.25, description: 'two bins, both miscalibrated' },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'mle-exp-code-3', topic: 'mlops', difficulty: 4,
    title: 'Automated canary verdict',
    statement: 'A canary model is compared with the baseline over consecutive windows `{ baseline, canary }`, each side `{ requests, errors, p99Ms }`. Policy: `{ minRequests, maxErrorRateIncrease, maxLatencyRatio, consecutiveBreaches, healthyWindowsToPromote }`. Go through the windows in order. A window with canary.requests < minRequests is inconclusive and is skipped (it neither counts nor resets anything). Otherwise it is a breach if canaryErrorRate - baselineErrorRate > maxErrorRateIncrease (an error rate is errors / requests; a baseline with 0 requests has rate 0) or canary.p99Ms > baseline.p99Ms * maxLatencyRatio. A breach increases the breach streak; reaching consecutiveBreaches returns rollback. A healthy window resets the breach streak to 0 and increases the healthy count; reaching healthyWindowsToPromote returns promote. Return `{ verdict: "rollback" | "promote" | "continue", atWindow }`, where atWindow is the index of the deciding window, or null with "continue" if no decision is reached.',
    functionName: 'canaryVerdict',
    signature: 'function canaryVerdict(windows: CanaryWindow[], policy: CanaryPolicy): { verdict: "rollback" | "promote" | "continue"; atWindow: number | null }',
    starterCode: 'type Side = { requests: number; errors: number; p99Ms: number };\ntype CanaryWindow = { baseline: Side; canary: Side };\ntype CanaryPolicy = { minRequests: number; maxErrorRateIncrease: number; maxLatencyRatio: number; consecutiveBreaches: number; healthyWindowsToPromote: number };\n\nfunction canaryVerdict(windows: CanaryWindow[], policy: CanaryPolicy): { verdict: "rollback" | "promote" | "continue"; atWindow: number | null } {\n  // your code here\n  return { verdict: "continue", atWindow: null };\n}\n',
    referenceSolution: `function canaryVerdict(windows, policy) {
  let breaches = 0;
  let healthy = 0;
  for (let i = 0; i < windows.length; i++) {
    const { baseline, canary } = windows[i];
    if (canary.requests < policy.minRequests) continue;
    const canaryRate = canary.errors / canary.requests;
    const baselineRate = baseline.requests > 0 ? baseline.errors / baseline.requests : 0;
    const breach = canaryRate - baselineRate > policy.maxErrorRateIncrease || canary.p99Ms > baseline.p99Ms * policy.maxLatencyRatio;
    if (breach) {
      breaches++;
      if (breaches >= policy.consecutiveBreaches) return { verdict: 'rollback', atWindow: i };
    } else {
      breaches = 0;
      healthy++;
      if (healthy >= policy.healthyWindowsToPromote) return { verdict: 'promote', atWindow: i };
    }
  }
  return { verdict: 'continue', atWindow: null };
}`,
    exampleTests: [
      {
        args: [
          [
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
          ],
          { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 2, healthyWindowsToPromote: 3 },
        ],
        expected: { verdict: 'promote', atWindow: 2 },
      },
    ],
    hiddenTests: [
      {
        args: [
          [
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 10, p99Ms: 200 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 300 } },
          ],
          { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 2, healthyWindowsToPromote: 3 },
        ],
        expected: { verdict: 'rollback', atWindow: 2 },
        description: 'error breach then latency breach',
      },
      {
        args: [
          [
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 10, p99Ms: 200 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 50, errors: 50, p99Ms: 900 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 10, p99Ms: 200 } },
          ],
          { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 2, healthyWindowsToPromote: 3 },
        ],
        expected: { verdict: 'rollback', atWindow: 2 },
        description: 'inconclusive window does not reset the streak',
      },
      {
        args: [
          [
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 10, p99Ms: 200 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 10, p99Ms: 200 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
          ],
          { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 2, healthyWindowsToPromote: 3 },
        ],
        expected: { verdict: 'promote', atWindow: 4 },
        description: 'healthy windows reset the breach streak',
      },
      {
        args: [
          [
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 50, errors: 50, p99Ms: 900 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 99, errors: 0, p99Ms: 100 } },
          ],
          { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 2, healthyWindowsToPromote: 3 },
        ],
        expected: { verdict: 'continue', atWindow: null },
        description: 'only inconclusive windows',
      },
      {
        args: [[], { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 2, healthyWindowsToPromote: 3 }],
        expected: { verdict: 'continue', atWindow: null },
        description: 'no windows',
      },
      {
        args: [
          [
            { baseline: { requests: 0, errors: 0, p99Ms: 200 }, canary: { requests: 200, errors: 1, p99Ms: 200 } },
            { baseline: { requests: 1000, errors: 10, p99Ms: 200 }, canary: { requests: 200, errors: 2, p99Ms: 210 } },
          ],
          { minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.2, consecutiveBreaches: 1, healthyWindowsToPromote: 2 },
        ],
        expected: { verdict: 'promote', atWindow: 1 },
        description: 'baseline without traffic counts as error rate 0',
      },
    ],
    timeLimitSec: 1500,
  },
]);

/** Curated questions for the ml-engineer archetype. Items may also be tagged with related archetypes. */
export const ML_ENGINEER_BANK: BankItem[] = [...STANDARD, ...ADVANCED, ...EXPERT];
