import type { BankItem } from '../bank-item';

/** DevOps / SRE, advanced depth: internals and trade-offs of the production stack. */
export const DEVOPS_SRE_ADVANCED: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'sre-adv-spk-01',
    kind: 'spoken',
    topic: 'reliability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Why is "alert when the error rate exceeds 0.1 percent for 5 minutes" a poor SLO alert, and what does multi-window, multi-burn-rate alerting do better?',
    referenceAnswer:
      'A fixed threshold equal to the SLO pages on short blips that barely dent the budget, while a slow leak just under the threshold can burn the whole month\'s budget without ever paging. Burn rate is how fast you consume the error budget relative to the rate that would exactly exhaust it by the end of the window: a burn rate of 1 uses the budget in 30 days, 14.4 uses 2 percent of it in an hour. Multi-burn-rate alerting pages on a high burn rate over a short period, for example 14.4 over one hour, and opens a ticket for a low burn rate over a long period, for example 1 over three days. Each alert also requires a short window, such as 5 minutes for the 1-hour alert, to still be burning, so the alert resets quickly once the problem is fixed. You get good precision and recall with reasonable detection time.',
    keyConcepts: ['burn rate', 'error budget', 'long window', 'short window', 'page', 'ticket'],
  },
  {
    id: 'sre-adv-spk-02',
    kind: 'spoken',
    topic: 'kubernetes',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Explain Kubernetes resource requests and limits for CPU and memory, the QoS classes they produce, and the trade-offs of setting CPU limits.',
    referenceAnswer:
      'Requests are what the scheduler reserves: a pod is only placed on a node with enough unrequested capacity, and CPU requests also set the relative CPU share under contention. Limits are enforced at run time: exceeding a memory limit gets the container OOM-killed, while exceeding a CPU limit gets it throttled by the CFS quota. If every container has requests equal to limits the pod is Guaranteed; if some requests are set it is Burstable; with none it is BestEffort, and under node memory pressure BestEffort and then Burstable pods over their requests are evicted first. CPU limits can throttle a latency-sensitive, multi-threaded service even when the node has idle CPU, because the quota is spent within each 100 millisecond period, so many teams set CPU requests but no CPU limits, while always setting memory limits.',
    keyConcepts: ['requests', 'limits', 'scheduler', 'throttled', 'OOM', 'Guaranteed'],
  },
  {
    id: 'sre-adv-spk-03',
    kind: 'spoken',
    topic: 'kubernetes',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A pod is in CrashLoopBackOff. Walk me through how you debug it.',
    referenceAnswer:
      'CrashLoopBackOff means the container keeps exiting and the kubelet restarts it with an exponential backoff. kubectl describe pod shows the events, the last state, the exit code and the reason: exit code 137 with OOMKilled points to the memory limit, 1 or another application code to a crash, and failing liveness probes show up as events. kubectl logs with --previous shows the output of the crashed instance. Common causes: a missing config map, secret or environment variable, a wrong command or entrypoint, a dependency not reachable at start-up, a liveness probe that is too aggressive, or insufficient memory. If the container exits too quickly to inspect, run a debug copy with kubectl debug or override the command to sleep and exec in.',
    keyConcepts: ['describe', 'exit code', 'logs previous', 'OOMKilled', 'liveness probe', 'configuration'],
  },
  {
    id: 'sre-adv-spk-04',
    kind: 'spoken',
    topic: 'networking',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'How does traffic sent to a Kubernetes ClusterIP Service actually reach a pod?',
    referenceAnswer:
      'The ClusterIP is virtual: no interface owns it. The client first resolves the Service name through cluster DNS, CoreDNS, to the ClusterIP. kube-proxy on every node watches Services and EndpointSlices and programs the node\'s packet filtering, iptables or IPVS rules, or an eBPF data plane such as Cilium replaces it. When a packet to the ClusterIP leaves the client pod, those rules pick one ready backend pod and DNAT the destination to that pod\'s IP and port, and conntrack remembers the mapping so replies are translated back. The pod network, set up by the CNI plugin, then routes the packet to the pod, possibly on another node. Because balancing happens per connection, long-lived connections such as HTTP/2 or gRPC stick to one pod.',
    keyConcepts: ['CoreDNS', 'kube-proxy', 'iptables', 'DNAT', 'conntrack', 'per connection'],
  },
  {
    id: 'sre-adv-spk-05',
    kind: 'spoken',
    topic: 'observability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A developer adds a user_id label to a Prometheus request counter. Why is that a problem, and how would you give them what they need?',
    referenceAnswer:
      'Every unique combination of label values is a separate time series, so a user_id label multiplies the series count by the number of users, possibly millions. That is high cardinality: Prometheus memory, storage and query time grow with active series, and it can run out of memory or slow down for everyone. Labels should have small bounded value sets, such as method, route template and status class. For per-user questions, use logs or traces, which are designed for high-cardinality per-event data, or exemplars that link a metric to a trace id. You can also enforce limits per scrape with sample and label limits, and find offenders with the TSDB status page.',
    keyConcepts: ['time series', 'cardinality', 'memory', 'bounded', 'logs or traces', 'exemplars'],
  },
  {
    id: 'sre-adv-spk-06',
    kind: 'spoken',
    topic: 'observability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'How does distributed tracing work across services, and how do you choose between head-based and tail-based sampling?',
    referenceAnswer:
      'Each request gets a trace id; every unit of work records a span with its own id, its parent span id, timings and attributes. The context, trace id and parent span id, is propagated between services in headers, for example the W3C traceparent header, and instrumentation such as OpenTelemetry creates child spans and exports them to a collector, which assembles the tree. Head-based sampling decides at the start of the trace, usually by a probability, and propagates the decision, which is cheap but samples blindly, so rare errors and slow requests are often dropped. Tail-based sampling buffers all spans of a trace in the collector and decides after it completes, so you can keep every error and slow trace plus a small share of normal ones, at the cost of memory and a stateful collector tier that must route all spans of a trace to the same instance.',
    keyConcepts: ['trace id', 'span', 'context propagation', 'traceparent', 'head-based', 'tail-based'],
  },
  {
    id: 'sre-adv-spk-07',
    kind: 'spoken',
    topic: 'incident-response',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Describe the roles in a well-run incident response and why separating them matters.',
    referenceAnswer:
      'The incident commander coordinates: sets priorities, assigns tasks, decides, and keeps the big picture, rather than debugging personally. Operations or subject-matter responders investigate and apply mitigations. A communications lead updates stakeholders, support and the status page at a regular cadence, so responders are not interrupted. A scribe keeps the timeline of observations and actions. Separating the roles avoids the failure where everyone debugs and nobody decides, communicates or notices the incident is getting worse. Clear severity levels decide when to invoke this structure, handovers are explicit, and the commander formally closes the incident and ensures a postmortem.',
    keyConcepts: ['incident commander', 'communications', 'status page', 'scribe', 'timeline', 'severity'],
  },
  {
    id: 'sre-adv-spk-08',
    kind: 'spoken',
    topic: 'ci-cd',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'How would you automate canary analysis so a bad release is rolled back without a human watching dashboards?',
    referenceAnswer:
      'Deploy the new version to a canary slice alongside a baseline running the current version with the same traffic share and age, rather than comparing against the long-running production fleet, which differs in warm caches and uptime. Route a small share of traffic, then have a controller such as Argo Rollouts, Flagger or Kayenta compare key metrics, error rate, latency percentiles and saturation, between canary and baseline with statistical tests over several intervals. If the canary is significantly worse, abort and shift traffic back automatically; if it passes, promote in steps with bake time. The metrics must have enough traffic to be significant, and the pipeline must also catch slow failures, so later stages keep watching SLO burn after full rollout.',
    keyConcepts: ['baseline', 'small share of traffic', 'compare metrics', 'statistical', 'automatic rollback', 'bake time'],
  },
  {
    id: 'sre-adv-spk-09',
    kind: 'spoken',
    topic: 'infrastructure-as-code',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Your organisation has one giant Terraform state containing all production infrastructure. What problems does that cause and how would you restructure it?',
    referenceAnswer:
      'One state means every plan refreshes thousands of resources, so it is slow and hits API rate limits; the lock serialises all teams; and the blast radius of a mistake or a bad apply is the whole of production. It also forces everyone to have permissions for everything. Split state along boundaries of ownership and change rate: per environment, per region or account, and per layer such as networking, data stores and applications, with outputs or data sources to share values between them. Use versioned modules for shared patterns, move resources between states with moved blocks, import or state mv rather than recreating them, and run plans and applies from CI with the least privilege per state.',
    keyConcepts: ['slow plans', 'locking', 'blast radius', 'split state', 'modules', 'least privilege'],
  },
  {
    id: 'sre-adv-spk-10',
    kind: 'spoken',
    topic: 'linux',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A Linux host is slow but nothing obvious is wrong. How do you systematically find the bottleneck?',
    referenceAnswer:
      'I use the USE method: for each resource, CPU, memory, disks, network interfaces, check utilisation, saturation and errors. uptime and vmstat give load, run queue, swapping and iowait; mpstat shows per-CPU imbalance, for example one core pegged by a single-threaded process; pidstat finds the busy processes; iostat -x shows disk utilisation, queue size and await; free and vmstat show memory pressure and swapping; sar -n DEV and ss show network throughput, retransmits and socket queues; dmesg shows errors such as OOM kills or disk faults. In a VM, steal time reveals a noisy neighbour. Once the saturated resource is known, profile it, for example perf or eBPF tools for CPU and biolatency for disk.',
    keyConcepts: ['USE method', 'utilisation', 'saturation', 'errors', 'iostat', 'vmstat'],
  },
  {
    id: 'sre-adv-spk-11',
    kind: 'spoken',
    topic: 'linux',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'The free command shows almost no free memory on a database host, and a colleague wants to add RAM. What do you check first?',
    referenceAnswer:
      'Linux uses otherwise idle memory for the page cache, so low free memory is normal; the cache is reclaimed when applications need it. The column to look at is available, which estimates memory that can be given to applications without swapping. Real memory pressure shows as swap in and out activity in vmstat, major page faults, rising PSI memory pressure stall metrics, the OOM killer in dmesg, or cgroup memory limits being hit in containers. For a database the page cache is often doing useful work, so check the cache hit rate and I/O before concluding more RAM is needed.',
    keyConcepts: ['page cache', 'available', 'reclaimed', 'swap', 'OOM killer', 'pressure'],
  },
  {
    id: 'sre-adv-spk-12',
    kind: 'spoken',
    topic: 'networking',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Where should TLS terminate for traffic into a microservice platform, and what are the options for encrypting traffic between services?',
    referenceAnswer:
      'Terminating TLS at the edge load balancer or ingress centralises certificates and lets the proxy do HTTP routing, caching and web application firewall checks, but traffic behind it is plaintext unless you re-encrypt. TLS passthrough keeps end-to-end encryption to the backend but the balancer can only route on the SNI. Between services, mutual TLS authenticates both sides with certificates, which gives encryption plus workload identity for authorisation; a service mesh such as Istio or Linkerd, or SPIFFE-based identity, issues short-lived certificates and rotates them automatically. The operational concerns are certificate expiry, which causes outages, so automate renewal and alert on expiry, and the CPU and latency overhead, which is small with session reuse.',
    keyConcepts: ['terminate', 'load balancer', 're-encrypt', 'mutual TLS', 'service mesh', 'certificate rotation'],
  },
  {
    id: 'sre-adv-spk-13',
    kind: 'spoken',
    topic: 'kubernetes',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'During every rolling deploy your service returns a burst of connection errors. Explain how pod termination works in Kubernetes and how to make shutdown graceful.',
    referenceAnswer:
      'When a pod is deleted, two things happen in parallel: the kubelet runs the preStop hook and then sends SIGTERM, while the endpoint controller removes the pod from the Service endpoints and kube-proxy, ingress controllers and load balancers update their rules. Those updates propagate asynchronously, so for a few seconds traffic can still arrive at a pod that is already shutting down. The fix: add a short preStop sleep so the pod keeps serving until routing has converged; handle SIGTERM by failing readiness, stopping accepting new connections, draining in-flight requests and closing keep-alive connections; and set terminationGracePeriodSeconds longer than the drain time, after which SIGKILL is sent. Also make sure the application is PID 1 or that the init passes signals on, and use a PodDisruptionBudget and maxUnavailable to keep enough replicas.',
    keyConcepts: ['SIGTERM', 'preStop', 'endpoints', 'asynchronously', 'drain', 'grace period'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'sre-adv-mcq-01',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A service with a 99.9% SLO over 30 days burns its error budget at a constant rate of 14.4. How long until the whole budget is gone?',
    options: ['About 1 hour', 'About 2 days', 'About 7 days', 'About 14 days'],
    correctIndex: 1,
    explanation: 'A burn rate of 1 lasts the full 30 days; 30 / 14.4 ≈ 2.1 days (50 hours). Each hour at 14.4 consumes 2% of the budget.',
  },
  {
    id: 'sre-adv-mcq-02',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Every container in a pod sets CPU and memory requests equal to its limits. Which QoS class does the pod get?',
    options: ['BestEffort', 'Burstable', 'Guaranteed', 'Critical'],
    correctIndex: 2,
    explanation: 'Requests equal to limits for both resources in every container gives Guaranteed, the last class to be evicted under node memory pressure.',
  },
  {
    id: 'sre-adv-mcq-03',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A latency-sensitive service shows high p99 latency and the metric container_cpu_cfs_throttled_periods_total is rising, while node CPU is mostly idle. What is happening?',
    options: [
      'It hits its CPU limit each CFS period and is throttled despite idle node CPU',
      'The node is swapping memory pages to disk, which stalls the container\'s threads',
      'The readiness probe is failing',
      'The pod is being OOM-killed',
    ],
    correctIndex: 0,
    explanation: 'CPU limits are enforced as a quota per 100 ms period. Bursty multi-threaded work can spend the quota early and then wait; raise or remove the limit.',
  },
  {
    id: 'sre-adv-mcq-04',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'What does a PodDisruptionBudget protect against?',
    options: [
      'Involuntary disruptions such as node hardware failures or kernel panics',
      'Pods exceeding their memory limits and being OOM-killed by the kernel all at once',
      'Network partitions between zones',
      'Voluntary disruptions, e.g. node drains, evicting too many replicas at once',
    ],
    correctIndex: 3,
    explanation: 'The eviction API respects PDBs, so drains wait rather than take a service below minAvailable. Involuntary failures are not prevented by a PDB.',
  },
  {
    id: 'sre-adv-mcq-05',
    kind: 'mcq',
    topic: 'observability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Why can quantiles from Prometheus histograms be aggregated across instances while quantiles from summaries cannot?',
    options: [
      'Summaries are stored as strings',
      'Histograms export bucket counters that can be summed before computing the quantile; summaries export precomputed per-instance quantiles that cannot be meaningfully averaged',
      'Histograms compute exact quantiles on the client',
      'Summaries do not support labels',
    ],
    correctIndex: 1,
    explanation: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) works across a fleet; averaging per-instance p99s is mathematically meaningless.',
  },
  {
    id: 'sre-adv-mcq-06',
    kind: 'mcq',
    topic: 'observability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'What is the main advantage of tail-based trace sampling over head-based sampling?',
    options: [
      'It needs no collector',
      'It costs less memory',
      'Keep-or-drop is decided after the trace completes, so errors can always be kept',
      'It samples each span independently, so every service keeps a consistent share of its spans',
    ],
    correctIndex: 2,
    explanation: 'Head-based sampling decides before anything is known about the request. Tail-based buffers complete traces, at the cost of a stateful collector tier.',
  },
  {
    id: 'sre-adv-mcq-07',
    kind: 'mcq',
    topic: 'observability',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A team adds a request_id label to a Prometheus counter. What is the most likely consequence?',
    options: [
      'One time series per request, exploding cardinality and memory',
      'Better dashboards with no downside, since labels are compressed by the TSDB',
      'Prometheus rejects labels with the suffix _id',
      'The counter becomes a gauge',
    ],
    correctIndex: 0,
    explanation: 'Each distinct label value set is a series. Unbounded labels such as ids belong in logs or traces, not metrics.',
  },
  {
    id: 'sre-adv-mcq-08',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A busy Kubernetes node logs "nf_conntrack: table full, dropping packet". What do clients observe?',
    options: [
      'DNS names resolve to the wrong IP',
      'TLS certificate errors',
      'Existing connections are reset while new ones keep working normally',
      'New connections intermittently time out as packets are dropped',
    ],
    correctIndex: 3,
    explanation: 'Service NAT relies on conntrack; when its table is full new flows cannot be tracked and are dropped. Raise nf_conntrack_max or reduce short-lived connections.',
  },
  {
    id: 'sre-adv-mcq-09',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A service opens a new outbound TCP connection for every request to the same upstream and starts failing with "cannot assign requested address". What is the likely cause?',
    options: [
      'The upstream\'s DNS record expired',
      'Ephemeral ports are exhausted by connections lingering in TIME_WAIT',
      'The NIC has run out of secondary IP addresses for outbound connections',
      'The kernel disabled IPv4',
    ],
    correctIndex: 1,
    explanation: 'Each connection to the same destination needs a unique source port; TIME_WAIT holds them for about a minute. Reuse connections with keep-alive or pooling.',
  },
  {
    id: 'sre-adv-mcq-10',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'In Kubernetes pods, resolv.conf has "options ndots:5". What happens when a pod resolves api.example.com?',
    options: [
      'It is resolved directly as an absolute name',
      'The lookup fails because the name has fewer than 5 labels',
      'Because the name has fewer than 5 dots, the resolver first tries it with each cluster search domain appended, causing several extra DNS queries',
      'It is always resolved via the node\'s /etc/hosts',
    ],
    correctIndex: 2,
    explanation: 'Names with fewer dots than ndots go through the search list first. A trailing dot (api.example.com.) or lower ndots avoids the extra lookups and latency.',
  },
  {
    id: 'sre-adv-mcq-11',
    kind: 'mcq',
    topic: 'linux',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: '"free -m" shows 200 MB free, 20 GB buff/cache and 19 GB available on a 32 GB host. What is the right conclusion?',
    options: [
      'The host is out of memory and the OOM killer will start killing processes soon',
      'There is a memory leak in the kernel',
      'Swap must be added immediately',
      'Memory is fine: the page cache is reclaimable and 19 GB is available',
    ],
    correctIndex: 3,
    explanation: 'Idle RAM is used as cache and given back on demand. "available" is the meaningful figure; watch swapping and PSI for real pressure.',
  },
  {
    id: 'sre-adv-mcq-12',
    kind: 'mcq',
    topic: 'linux',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Several processes are stuck in state D and cannot be killed, even with SIGKILL. What does D mean?',
    options: [
      'Uninterruptible sleep, usually waiting on disk or NFS I/O',
      'Dead: the process has exited but its parent has not reaped it yet',
      'Debugged: a debugger is attached',
      'Detached from its terminal',
    ],
    correctIndex: 0,
    explanation: 'D-state tasks wait in the kernel and handle signals only when the I/O completes; a hung NFS server or failing disk is the usual cause. Exited-but-unreaped is Z (zombie).',
  },
  {
    id: 'sre-adv-mcq-13',
    kind: 'mcq',
    topic: 'linux',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'How does the Linux OOM killer choose which process to kill?',
    options: [
      'It kills the most recently started process',
      'It kills the process with the highest CPU usage over the last minute, excluding root',
      'Highest oom_score, driven mostly by memory use, tunable via oom_score_adj',
      'It kills processes in alphabetical order',
    ],
    correctIndex: 2,
    explanation: 'The score reflects the memory a process would free; oom_score_adj (-1000 to 1000) biases it. Kubernetes sets it per QoS class.',
  },
  {
    id: 'sre-adv-mcq-14',
    kind: 'mcq',
    topic: 'ci-cd',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'In automated canary analysis, why compare the canary against a freshly deployed baseline of the old version rather than against the existing production fleet?',
    options: [
      'The production fleet has no metrics',
      'A new baseline is cheaper than reading production metrics',
      'Production instances cannot receive the same traffic',
      'Fresh instances differ from long-running ones (cold caches, JIT warm-up, uptime effects), so comparing equally new instances isolates the effect of the code change',
    ],
    correctIndex: 3,
    explanation: 'Baseline and canary get the same traffic share and age, so differences in errors or latency are attributable to the release, not to warm-up.',
  },
  {
    id: 'sre-adv-mcq-15',
    kind: 'mcq',
    topic: 'infrastructure-as-code',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'You rename a Terraform resource from aws_db_instance.main to aws_db_instance.primary in the code only. What does the next plan propose?',
    options: [
      'Destroy and recreate the database, unless a moved block or state mv is used',
      'Nothing, because Terraform tracks resources by their cloud provider id rather than by name',
      'An in-place rename of the database',
      'An error, because renaming is not supported',
    ],
    correctIndex: 0,
    explanation: 'State is keyed by resource address. A moved block (Terraform 1.1+) or state mv tells Terraform it is the same object; always review plans for unexpected destroys.',
  },
  {
    id: 'sre-adv-mcq-16',
    kind: 'mcq',
    topic: 'infrastructure-as-code',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Someone changed a security group rule by hand in the cloud console. What will the next terraform plan show for that resource?',
    options: [
      'Nothing, because Terraform only reads its state file',
      'A change reverting the manual edit, unless ignore_changes covers it',
      'An automatic import of the new rule into the configuration and the state file',
      'A state lock error',
    ],
    correctIndex: 1,
    explanation: 'Plan refreshes real infrastructure, detects the drift and proposes converging back to the code. Make the change in code, or ignore it explicitly.',
  },
  {
    id: 'sre-adv-mcq-17',
    kind: 'mcq',
    topic: 'incident-response',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'What is the primary responsibility of the incident commander during a major incident?',
    options: [
      'Writing the fix personally',
      'Coordinating: priorities, delegation, decisions and communication',
      'Deciding who caused the incident',
      'Updating the status page personally and answering every stakeholder question',
    ],
    correctIndex: 1,
    explanation: 'The commander keeps the big picture and avoids hands-on debugging; communications and investigation are delegated to other roles.',
  },
  {
    id: 'sre-adv-mcq-18',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Why do many teams add a few-second "sleep" preStop hook to pods behind a Service?',
    options: [
      'To delay SIGKILL indefinitely',
      'To give the JVM time to warm up',
      'Endpoint removal propagates to kube-proxy and load balancers asynchronously, so the pod keeps serving until routing stops sending it new requests',
      'To make the readiness probe fail faster',
    ],
    correctIndex: 2,
    explanation: 'SIGTERM and endpoint removal happen in parallel; without the pause, the process may exit while traffic still arrives, causing connection errors during deploys.',
  },
  {
    id: 'sre-adv-mcq-19',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'A service needs two independent dependencies in series, each 99.9% available, and is itself never down. What is its best-case availability?',
    options: [
      '99.9%',
      '99.95%',
      '99.99%',
      '99.8%',
    ],
    correctIndex: 3,
    explanation: '0.999 × 0.999 ≈ 0.998. Serial hard dependencies multiply; a service cannot be more available than the product of what it requires.',
  },
  {
    id: 'sre-adv-mcq-20',
    kind: 'mcq',
    topic: 'ci-cd',
    difficulty: 2,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'What distinguishes GitOps tools such as Argo CD or Flux from a push-based CI job that runs kubectl apply?',
    options: [
      'An in-cluster agent pulls desired state from git and reconciles drift',
      'They do not use git',
      'They build container images',
      'They only work with Helm charts and push them from the CI runner after each merge',
    ],
    correctIndex: 0,
    explanation: 'Git is the source of truth; the in-cluster controller detects and corrects drift, and CI no longer needs cluster credentials.',
  },
  {
    id: 'sre-adv-mcq-21',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    prompt: 'Which SLI best reflects user experience for a request-driven API?',
    options: [
      'Average CPU utilisation of the servers',
      'Number of pods running',
      'Proportion of valid requests that succeed within the latency threshold, measured as close to the user as possible (e.g. at the load balancer)',
      'Uptime of the database process',
    ],
    correctIndex: 2,
    explanation: 'Good SLIs are ratios of good events to valid events that users would notice. Resource metrics are causes, not symptoms.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'sre-adv-code-1',
    kind: 'coding',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    title: 'Multi-window burn-rate alerts',
    statement:
      'Write burnRateAlerts(slo, buckets, longWindow, shortWindow, threshold). buckets[i] = [total, errors] holds the request and error counts for minute i. For minute i, a window of length W covers minutes max(0, i - W + 1) .. i. The error ratio of a window is its summed errors divided by its summed total (0 when the total is 0), and its burn rate is errorRatio / (1 - slo). An alert fires at minute i when the burn rate of the long window AND the burn rate of the short window are both >= threshold. Return the minutes at which the alert fires, in increasing order. No test case lands within floating-point error of the threshold. Aim for O(n) using prefix sums.',
    language: 'typescript',
    functionName: 'burnRateAlerts',
    signature:
      'function burnRateAlerts(slo: number, buckets: [number, number][], longWindow: number, shortWindow: number, threshold: number): number[]',
    starterCode:
      'function burnRateAlerts(\n  slo: number,\n  buckets: [number, number][],\n  longWindow: number,\n  shortWindow: number,\n  threshold: number,\n): number[] {\n  // TODO\n  return [];\n}\n',
    referenceSolution: `function burnRateAlerts(slo, buckets, longWindow, shortWindow, threshold) {
  const budget = 1 - slo;
  const total = [0];
  const errors = [0];
  for (const [t, e] of buckets) {
    total.push(total[total.length - 1] + t);
    errors.push(errors[errors.length - 1] + e);
  }
  const burn = (end, window) => {
    const start = Math.max(0, end - window + 1);
    const t = total[end + 1] - total[start];
    const e = errors[end + 1] - errors[start];
    return t === 0 ? 0 : e / t / budget;
  };
  const alerts = [];
  for (let i = 0; i < buckets.length; i++) {
    if (burn(i, longWindow) >= threshold && burn(i, shortWindow) >= threshold) alerts.push(i);
  }
  return alerts;
}`,
    exampleTests: [
      { args: [0.99, [[100, 0], [100, 0], [100, 50], [100, 60], [100, 0], [100, 0]], 4, 2, 10], expected: [2, 3, 4] },
    ],
    hiddenTests: [
      {
        args: [0.999, [[1000, 0], [1000, 20], [1000, 20], [1000, 0], [1000, 0]], 3, 1, 14.4],
        expected: [],
        description: 'the long window is not burning fast enough',
      },
      { args: [0.99, [], 60, 5, 14.4], expected: [], description: 'no data' },
      { args: [0.99, [[0, 0], [0, 0], [10, 5]], 2, 1, 2], expected: [2], description: 'minutes without traffic' },
      { args: [0.9, [[10, 10], [10, 0], [10, 0], [10, 0], [10, 10]], 5, 1, 3], expected: [0, 4], description: 'windows shorter at the start' },
      {
        args: [0.99, [[200, 1], [200, 1], [200, 1], [200, 100], [200, 1], [200, 1], [200, 1]], 6, 2, 5],
        expected: [3, 4],
        description: 'the short window resets the alert after recovery',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'sre-adv-code-2',
    kind: 'coding',
    topic: 'networking',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    title: 'Find overlapping IPv4 CIDR blocks',
    statement:
      'Write cidrOverlaps(cidrs) for validating a network plan. Each entry is an IPv4 CIDR "a.b.c.d/p" with four decimal octets 0-255 and a prefix length 0-32; host bits may be set ("10.1.2.3/16" means 10.1.0.0/16). Return every pair of indices [i, j] with i < j whose address ranges overlap, sorted by i then j. If any entry is malformed (wrong number of octets, octet > 255, missing or too large prefix), return null. Watch out for /0 and for addresses at or above 128.0.0.0 when using 32-bit bitwise operators.',
    language: 'typescript',
    functionName: 'cidrOverlaps',
    signature: 'function cidrOverlaps(cidrs: string[]): [number, number][] | null',
    starterCode:
      'function cidrOverlaps(cidrs: string[]): [number, number][] | null {\n  // TODO\n  return null;\n}\n',
    referenceSolution: `function cidrOverlaps(cidrs) {
  const parsed = [];
  for (const cidr of cidrs) {
    const m = /^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\/(\\d{1,2})$/.exec(cidr);
    if (m === null) return null;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return null;
    const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    parsed.push({ address, prefix });
  }
  const mask = (p) => (p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0);
  const pairs = [];
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const m = mask(Math.min(parsed[i].prefix, parsed[j].prefix));
      if (((parsed[i].address & m) >>> 0) === ((parsed[j].address & m) >>> 0)) pairs.push([i, j]);
    }
  }
  return pairs;
}`,
    exampleTests: [
      { args: [['10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/16']], expected: [[0, 1]] },
      { args: [['192.168.1.0/24', '192.168.2.0/24']], expected: [] },
    ],
    hiddenTests: [
      { args: [['172.16.0.0/12', '172.31.255.0/24', '172.32.0.0/16']], expected: [[0, 1]], description: 'edge of a /12' },
      { args: [['0.0.0.0/0', '8.8.8.8/32']], expected: [[0, 1]], description: '/0 contains everything' },
      { args: [['10.1.2.3/16', '10.1.200.0/24']], expected: [[0, 1]], description: 'host bits set' },
      { args: [['10.0.0.0/8', '10.0.0.0/8', '10.0.0.0/8']], expected: [[0, 1], [0, 2], [1, 2]], description: 'identical blocks' },
      {
        args: [['255.255.255.255/32', '255.255.255.0/24', '128.0.0.0/1']],
        expected: [[0, 1], [0, 2], [1, 2]],
        description: 'high addresses (sign bit)',
      },
      { args: [['192.168.0.0/23', '192.168.1.128/25', '192.168.2.0/24']], expected: [[0, 1]] },
      { args: [[]], expected: [], description: 'empty plan' },
      { args: [['10.0.0.0/33']], expected: null, description: 'prefix too large' },
      { args: [['10.0.0.0/8', '256.0.0.0/8']], expected: null, description: 'octet too large' },
      { args: [['10.0.0/8']], expected: null, description: 'three octets' },
      { args: [['10.0.0.0']], expected: null, description: 'missing prefix' },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'sre-adv-code-3',
    kind: 'coding',
    topic: 'kubernetes',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['advanced'],
    title: 'Least-allocated pod scheduling',
    statement:
      'Write schedulePods(nodes, pods) that simulates a simplified Kubernetes scheduler. nodes are { name, cpu, memory } capacities (millicores and MiB); pods are { name, cpu, memory } requests, placed one at a time in the given order. A node is feasible for a pod if its remaining CPU and remaining memory are both at least the pod\'s requests. Among feasible nodes, pick the one with the highest score, where score = ((remainingCpu - pod.cpu) / node.cpu + (remainingMemory - pod.memory) / node.memory) / 2 (the "least allocated" strategy); break exact ties by the smaller node name. Subtract the pod\'s requests from the chosen node. If no node is feasible, the pod stays pending. Return, for each pod in order, the chosen node name or null.',
    language: 'typescript',
    functionName: 'schedulePods',
    signature:
      'function schedulePods(nodes: { name: string; cpu: number; memory: number }[], pods: { name: string; cpu: number; memory: number }[]): (string | null)[]',
    starterCode:
      'interface Resources {\n  name: string;\n  cpu: number;\n  memory: number;\n}\n\nfunction schedulePods(nodes: Resources[], pods: Resources[]): (string | null)[] {\n  // TODO\n  return pods.map(() => null);\n}\n',
    referenceSolution: `function schedulePods(nodes, pods) {
  const state = nodes.map((n) => ({ name: n.name, cpu: n.cpu, memory: n.memory, capCpu: n.cpu, capMemory: n.memory }));
  const placement = [];
  for (const pod of pods) {
    let best = null;
    let bestScore = -1;
    for (const n of state) {
      if (n.cpu < pod.cpu || n.memory < pod.memory) continue;
      const score = ((n.cpu - pod.cpu) / n.capCpu + (n.memory - pod.memory) / n.capMemory) / 2;
      if (best === null || score > bestScore || (score === bestScore && n.name < best.name)) {
        best = n;
        bestScore = score;
      }
    }
    if (best === null) {
      placement.push(null);
    } else {
      best.cpu -= pod.cpu;
      best.memory -= pod.memory;
      placement.push(best.name);
    }
  }
  return placement;
}`,
    exampleTests: [
      {
        args: [
          [{ name: 'a', cpu: 4000, memory: 8192 }, { name: 'b', cpu: 2000, memory: 4096 }],
          [{ name: 'web-1', cpu: 1000, memory: 1024 }, { name: 'web-2', cpu: 1000, memory: 1024 }, { name: 'web-3', cpu: 1000, memory: 1024 }],
        ],
        expected: ['a', 'a', 'b'],
      },
    ],
    hiddenTests: [
      {
        args: [
          [{ name: 'a', cpu: 1000, memory: 1024 }],
          [{ name: 'big', cpu: 2000, memory: 512 }, { name: 's1', cpu: 500, memory: 512 }, { name: 's2', cpu: 500, memory: 512 }, { name: 's3', cpu: 1, memory: 1 }],
        ],
        expected: [null, 'a', 'a', null],
        description: 'pending pods and an exactly full node',
      },
      {
        args: [
          [{ name: 'n2', cpu: 2000, memory: 2048 }, { name: 'n1', cpu: 2000, memory: 2048 }],
          [{ name: 'p1', cpu: 500, memory: 512 }, { name: 'p2', cpu: 500, memory: 512 }],
        ],
        expected: ['n1', 'n2'],
        description: 'ties go to the smaller name, not the first listed',
      },
      {
        args: [
          [{ name: 'a', cpu: 2000, memory: 2048 }, { name: 'b', cpu: 4000, memory: 4096 }],
          [{ name: 'p1', cpu: 1000, memory: 1024 }, { name: 'p2', cpu: 1000, memory: 1024 }, { name: 'p3', cpu: 1000, memory: 1024 }],
        ],
        expected: ['b', 'a', 'b'],
        description: 'spreads by score rather than first fit',
      },
      {
        args: [
          [{ name: 'cpu-rich', cpu: 8000, memory: 2048 }, { name: 'mem-rich', cpu: 2000, memory: 16384 }],
          [{ name: 'db', cpu: 1000, memory: 4096 }, { name: 'batch', cpu: 3000, memory: 512 }, { name: 'cache', cpu: 500, memory: 8192 }],
        ],
        expected: ['mem-rich', 'cpu-rich', 'mem-rich'],
        description: 'both resources must fit',
      },
      { args: [[], [{ name: 'p', cpu: 1, memory: 1 }]], expected: [null], description: 'no nodes' },
      { args: [[{ name: 'a', cpu: 1000, memory: 1000 }], []], expected: [], description: 'no pods' },
    ],
    timeLimitSec: 1200,
  },
];
