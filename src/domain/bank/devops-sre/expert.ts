import type { BankItem } from '../bank-item';

/** DevOps / SRE, expert depth: reliability architecture, large-scale failure modes and organisational practice. */
export const DEVOPS_SRE_EXPERT: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'sre-exp-spk-01',
    kind: 'spoken',
    topic: 'reliability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'You are asked to define SLOs for a new payments platform with several user-facing flows. How do you approach it, and how do you make the SLOs actually change behaviour?',
    referenceAnswer:
      'Start from critical user journeys, such as paying, refunding and viewing history, not from components. For each journey pick SLIs that reflect what the user experiences, availability as the ratio of good to valid events and latency against a threshold, measured as close to the user as possible, for example at the load balancer or with synthetic probes for low-traffic flows. Set targets from historical performance and business need, not aspiration: every extra nine costs a lot, and a service cannot be more reliable than its critical dependencies. Choose a rolling window, usually 28 or 30 days. Then agree an error budget policy with product leadership in advance: what happens when the budget is exhausted, such as a feature freeze or reprioritising reliability work. Alert on burn rate, review SLOs quarterly, and report budget status so it informs release decisions.',
    keyConcepts: ['user journeys', 'good events', 'targets', 'dependencies', 'error budget policy', 'burn rate'],
  },
  {
    id: 'sre-exp-spk-02',
    kind: 'spoken',
    topic: 'reliability',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'One availability zone of three fails. The remaining two zones become overloaded and the whole service goes down. Explain the failure and how you would design against it.',
    referenceAnswer:
      'That is a cascading failure: the lost zone\'s traffic moved to the survivors, which were running at, say, 70 percent utilisation, so they went to 105 percent, latency rose, health checks and timeouts failed, instances were marked unhealthy and removed, which concentrated load further, and retries amplified it. Autoscaling could not help fast enough, and it depends on a control plane that may itself be impaired. The design answer is static stability: provision enough headroom that losing any one zone leaves capacity for peak, for example keeping each zone under about 66 percent at peak with three zones, so no action is needed during the failure. Add load shedding and admission control so overload degrades gracefully, retry budgets, health checks that do not remove the last capacity, zonal isolation so failures do not cross zones, and regular game days that actually evacuate a zone.',
    keyConcepts: ['cascading failure', 'headroom', 'static stability', 'load shedding', 'retries', 'game days'],
  },
  {
    id: 'sre-exp-spk-03',
    kind: 'spoken',
    topic: 'kubernetes',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'What happens to running workloads if a Kubernetes control plane loses etcd quorum, and how do you protect and recover etcd?',
    referenceAnswer:
      'Without quorum etcd cannot commit writes, and with the default linearizable reads it cannot serve reads either, so the API server fails: no deployments, scaling, new pods or configuration changes, controllers and the scheduler stop making progress, and a node that dies is not replaced. Pods already running keep running, because kubelets and the data plane operate from local state, so the outage is of the control plane, not immediately of traffic, unless something depends on the API, such as operators or service discovery watching it. Protect etcd with an odd number of members, three or five, spread across zones, on fast dedicated disks because it is fsync-latency-sensitive, with defragmentation and a database size quota watched. Take regular snapshots stored off-cluster and practise restores: recovery from lost quorum means restoring a snapshot into a new cluster, and everything since the snapshot is lost, so GitOps to reapply desired state helps.',
    keyConcepts: ['quorum', 'API server', 'running pods keep running', 'odd number', 'snapshots', 'restore'],
  },
  {
    id: 'sre-exp-spk-04',
    kind: 'spoken',
    topic: 'networking',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'A small fraction of requests between two services in Kubernetes fail with intermittent 502s or 5-second delays, with no pattern in the application logs. What network causes would you investigate?',
    referenceAnswer:
      'Five-second delays are the signature of DNS: the glibc resolver sends A and AAAA queries in parallel over the same UDP socket, and a conntrack race on the node can drop one, so the client waits for the 5-second timeout; ndots 5 multiplies queries. Mitigations are NodeLocal DNSCache, single-request-reopen, or fully qualified names. Intermittent 502s often come from keep-alive mismatches: the upstream closes idle connections sooner than the proxy or load balancer, which then sends a request on a connection just closed, so the upstream idle timeout must be longer than the proxy\'s. Other suspects: conntrack table exhaustion dropping new flows, MTU mismatches in overlay networks where large packets are silently dropped because ICMP is blocked, SNAT port exhaustion for egress, and pods receiving traffic during termination. I would correlate failures with node, packet captures and conntrack statistics.',
    keyConcepts: ['DNS', 'conntrack', 'keep-alive', 'idle timeout', 'MTU', 'packet capture'],
  },
  {
    id: 'sre-exp-spk-05',
    kind: 'spoken',
    topic: 'observability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Your company\'s observability bill is growing faster than traffic. How would you redesign the telemetry strategy without losing the ability to debug incidents?',
    referenceAnswer:
      'First measure where the cost comes from: which services, which metrics by series count, which log streams by volume, and which data is actually queried. For metrics, enforce cardinality budgets per team, drop unused series and high-cardinality labels at ingestion, and pre-aggregate with recording rules. For logs, cut debug-level noise in production, sample repetitive successful request logs while keeping all errors, move from unstructured text to structured events, and tier retention with hot short-term storage and cheap object storage for longer. For traces, use tail-based sampling that keeps errors and slow requests and a small share of the rest, and link metrics to traces with exemplars, so a dashboard spike leads directly to representative traces. Alert from SLO burn rates, not thousands of cause-based alerts. Make the cost visible to the teams producing it.',
    keyConcepts: ['cardinality', 'sampling', 'retention', 'structured', 'exemplars', 'cost visibility'],
  },
  {
    id: 'sre-exp-spk-06',
    kind: 'spoken',
    topic: 'incident-response',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'What makes a postmortem program actually reduce incidents, rather than produce documents nobody reads?',
    referenceAnswer:
      'The review must be blameless, so people describe what they saw and why their actions made sense at the time; "human error" is where the analysis starts, not where it ends. Look for contributing factors across the system, detection, tooling, process, and organisational pressures, rather than a single root cause. Action items must be specific, owned, prioritised and tracked to completion like any other work, with a bias toward systemic fixes such as guardrails and automation over "be more careful". Review recurring themes across incidents, not just one at a time, share the write-ups widely, and measure follow-through: percentage of action items completed and repeat incidents. Leadership has to protect time for this work, or the backlog of actions simply grows.',
    keyConcepts: ['blameless', 'contributing factors', 'action items', 'owners', 'tracked', 'recurring themes'],
  },
  {
    id: 'sre-exp-spk-07',
    kind: 'spoken',
    topic: 'ci-cd',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'You run a service deployed in 20 regions. How do you structure releases, including configuration changes, so that a bad change cannot take down everything at once?',
    referenceAnswer:
      'Treat every production change, code, configuration, feature flags and infrastructure, as a release that goes through the same progressive pipeline, because global configuration pushes have caused some of the largest outages. Deploy in waves: a canary within one cell or region, then one small region, then progressively larger waves, with bake time between them and automated health checks against SLO signals that stop and roll back the rollout. Architect for small blast radius with cells, independent copies of the stack each serving a subset of customers, so a bad change in one cell affects few users. Never deploy to multiple regions at once, make rollback fast and tested, keep feature flags to decouple deploy from release with their own gradual rollout, and have an emergency path that still has guardrails.',
    keyConcepts: ['configuration changes', 'waves', 'bake time', 'automated rollback', 'cells', 'blast radius'],
  },
  {
    id: 'sre-exp-spk-08',
    kind: 'spoken',
    topic: 'infrastructure-as-code',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'How would you run infrastructure as code for a company with hundreds of cloud accounts and dozens of teams, while keeping it safe and compliant?',
    referenceAnswer:
      'Provide a platform: a small set of versioned, tested modules that encode the approved patterns, such as networks, databases with backups and encryption, and IAM roles, so teams compose them rather than writing raw resources. Split state per account, environment and component so plans are fast and the blast radius small. All changes go through pull requests; CI runs plan, shows the diff, and runs policy as code, such as OPA or Sentinel, against the plan to block non-compliant changes like public buckets or missing encryption, before an automated apply with short-lived credentials; humans do not have standing write access. Run scheduled drift detection, version-pin providers and modules with automated upgrade PRs, and use account vending so new accounts start with a secure baseline.',
    keyConcepts: ['modules', 'split state', 'pull requests', 'policy as code', 'drift detection', 'short-lived credentials'],
  },
  {
    id: 'sre-exp-spk-09',
    kind: 'spoken',
    topic: 'linux',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'A service on a shared Kubernetes node shows periodic p99 latency spikes while its own CPU usage looks low. How do you find the cause at the operating-system level?',
    referenceAnswer:
      'Low average CPU hides short bursts, so look at finer-grained signals. Check CFS throttling counters for the container, since a CPU limit can throttle bursts within a 100 millisecond period. Measure scheduler run-queue latency with eBPF tools such as runqlat or the PSI CPU pressure metrics, which reveal noisy neighbours competing for cores, and steal time if the node is a VM. Check memory: direct reclaim or compaction stalls, transparent huge page defragmentation, and swapping show as memory pressure and latency. Check disk with biolatency for slow I/O, and the network for retransmits or softirq saturation on one core. Then profile: perf or continuous profiling and off-CPU flame graphs show where threads wait. Fixes include removing CPU limits or using CPU pinning for latency-critical pods, isolating noisy workloads, and tuning THP.',
    keyConcepts: ['throttling', 'run queue', 'eBPF', 'noisy neighbour', 'memory pressure', 'flame graph'],
  },
  {
    id: 'sre-exp-spk-10',
    kind: 'spoken',
    topic: 'reliability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'How would you design and validate disaster recovery for a critical service, and how do RPO and RTO drive the design?',
    referenceAnswer:
      'RPO, the recovery point objective, is how much data you can afford to lose, and RTO, the recovery time objective, is how long you can be down. They drive cost: an RPO of a day allows nightly backups; an RPO of seconds needs continuous replication to another region; an RTO of minutes needs warm standby or active-active capacity and automated failover, while hours allows rebuilding from infrastructure as code. Backups must be immutable and isolated from production credentials to survive ransomware or operator error, and they only count if restores are tested regularly and timed. Dependencies matter too: DNS, identity, secrets and CI must be available in the recovery region. Validate with scheduled DR drills and game days that actually fail over, measure the achieved RPO and RTO, and update runbooks from what went wrong.',
    keyConcepts: ['RPO', 'RTO', 'replication', 'tested restores', 'immutable backups', 'drills'],
  },
  {
    id: 'sre-exp-spk-11',
    kind: 'spoken',
    topic: 'kubernetes',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Traffic to your service can triple within two minutes. Explain how the Horizontal Pod Autoscaler and the Cluster Autoscaler interact and how you make scaling fast enough.',
    referenceAnswer:
      'The HPA adjusts replica counts based on metrics, CPU or custom metrics like requests per second per pod, on a sync loop with stabilisation windows. New replicas that do not fit on existing nodes stay pending, and the Cluster Autoscaler reacts to pending pods by adding nodes, which takes minutes to provision, boot, join and pull images. Total reaction time is the sum: metric delay, HPA decision, node provisioning, image pull, application start and readiness. To be fast enough: scale on a leading metric such as request rate or queue depth rather than CPU, keep headroom with overprovisioning, low-priority placeholder pods that are preempted instantly to make room, pre-pull or slim images, make the application start quickly, set HPA scale-up policies to allow large steps, and use scheduled scaling for predictable peaks. Also cap max replicas in line with what downstream databases can take.',
    keyConcepts: ['pending pods', 'node provisioning', 'leading metric', 'overprovisioning', 'placeholder pods', 'image pull'],
  },
  {
    id: 'sre-exp-spk-12',
    kind: 'spoken',
    topic: 'networking',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Compare DNS-based global load balancing with anycast for directing users to the nearest healthy region. How does failover behave in each?',
    referenceAnswer:
      'DNS-based global load balancing answers each query with the IP of a region chosen by health checks, geography or latency. It is flexible and works with any backend, but failover is limited by caching: resolvers and clients hold answers for the TTL or longer, and clients with pooled connections keep using old IPs, so some users stay on a failed region for minutes. Geolocation is based on the resolver\'s location, which may be far from the user unless EDNS client subnet is used. Anycast announces the same IP prefix from many locations with BGP, and routing delivers packets to the topologically nearest one; failover happens by withdrawing the route, which converges in seconds without client cooperation. Anycast suits stateless or short-lived traffic such as DNS and CDN edges; route changes can move long-lived TCP connections to a site that does not know them, so it is usually combined with a proxy layer that terminates connections at the edge.',
    keyConcepts: ['TTL', 'health checks', 'resolver', 'anycast', 'BGP', 'withdraw the route'],
  },
  {
    id: 'sre-exp-spk-13',
    kind: 'spoken',
    topic: 'incident-response',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Your on-call rotation is burning people out. How do you diagnose and fix an unhealthy on-call load as an SRE lead?',
    referenceAnswer:
      'Measure it first: pages per shift, pages outside working hours, time to acknowledge, how many pages were actionable, and how much time goes to toil, meaning manual, repetitive, automatable work that scales with the service. A common target is no more than about two incidents per shift and at most half of SRE time on operational work. Then fix the sources: delete or downgrade alerts that are not actionable, move cause-based alerts to SLO burn-rate alerts, automate recurring manual fixes, and push reliability work back to the owning development teams through error budget policy when a service generates too many pages. Make rotations large enough, with follow-the-sun where possible, compensate on-call fairly, have clear escalation paths and runbooks, and run regular reviews of the pages from the last rotation.',
    keyConcepts: ['pages per shift', 'actionable', 'toil', 'automate', 'error budget', 'rotation'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'sre-exp-mcq-01',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'What fraction of a 30-day error budget does a burn rate of 14.4 consume if it lasts one hour?',
    options: ['0.5%', '2%', '14.4%', '50%'],
    correctIndex: 1,
    explanation: '14.4 × 1 h / 720 h = 0.02. That is why 14.4 over 1 hour (with a 5-minute short window) is the classic fast-burn paging condition.',
  },
  {
    id: 'sre-exp-mcq-02',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'A service is 99.95% available on its own and has three independent hard dependencies, each 99.95% available. What availability can it achieve at best?',
    options: [
      '99.95%',
      '99.9%',
      '99.8%',
      '99.5%',
    ],
    correctIndex: 2,
    explanation: '0.9995^4 ≈ 0.998. Adding hard dependencies in series lowers the ceiling; reaching higher needs redundancy or soft dependencies.',
  },
  {
    id: 'sre-exp-mcq-03',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Two replicas, each 99% available, fail independently, and either one can serve all traffic with instant failover. What is the combined availability?',
    options: [
      '98.01%',
      '99.00%',
      '99.50%',
      '99.99%',
    ],
    correctIndex: 3,
    explanation: 'Both must fail: 1 - 0.01² = 0.9999 (98.01% would be the two in series). Correlated failures (shared zone, shared config, shared deploy) make real systems fall well short of this.',
  },
  {
    id: 'sre-exp-mcq-04',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'A 3-member etcd cluster backing Kubernetes loses 2 members. What is the immediate effect?',
    options: [
      'Running pods keep running, but the API server cannot persist any changes',
      'All pods on all nodes are stopped',
      'The remaining member becomes leader on its own and the cluster continues normally',
      'Kubernetes automatically restores etcd from the latest snapshot',
    ],
    correctIndex: 0,
    explanation: 'Without a majority etcd cannot commit. The data plane continues from local state; the control plane is frozen until quorum is restored or a snapshot is restored.',
  },
  {
    id: 'sre-exp-mcq-05',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'How do you make sure the 6 replicas of a Deployment survive the loss of any one availability zone?',
    options: [
      'Set replicas to 6; the default scheduler always spreads pods evenly across all zones',
      'A topology spread constraint on the zone label, with capacity in each zone',
      'Add a PodDisruptionBudget with minAvailable: 6',
      'Use a DaemonSet instead',
    ],
    correctIndex: 1,
    explanation: 'Default spreading is best-effort scoring. A spread constraint with maxSkew and whenUnsatisfiable: DoNotSchedule enforces the distribution.',
  },
  {
    id: 'sre-exp-mcq-06',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'A cloud load balancer has a 60 s idle timeout. The backend\'s HTTP keep-alive timeout is 5 s. What intermittent symptom is likely, and what is the fix?',
    options: [
      'TLS handshake failures; shorten the load balancer timeout to 5 s',
      'DNS failures; lower the DNS TTL',
      'Occasional 502s when the balancer reuses a connection the backend just closed; make the backend keep-alive timeout longer than the balancer\'s idle timeout',
      'Higher throughput; no fix needed',
    ],
    correctIndex: 2,
    explanation: 'Only the balancer should close idle connections: with the backend\'s keep-alive timeout longer than the balancer\'s idle timeout, the backend never closes a connection the balancer may still reuse.',
  },
  {
    id: 'sre-exp-mcq-07',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Across a VPN, small requests succeed but large responses and some TLS handshakes hang. A firewall drops all ICMP. What is the most likely cause?',
    options: [
      'A path MTU black hole: ICMP "fragmentation needed" is dropped',
      'Expired certificates',
      'DNS TTL set too low',
      'The TCP window scaling option is disabled on the client, capping large transfers',
    ],
    correctIndex: 0,
    explanation: 'PMTUD relies on ICMP. Allow ICMP type 3 code 4, clamp the TCP MSS on the tunnel, or lower the MTU.',
  },
  {
    id: 'sre-exp-mcq-08',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'You fail over a region by changing a DNS record with a 60 s TTL, but some clients keep hitting the old region for 20 minutes. Why?',
    options: [
      'DNS changes always take about 20 minutes to propagate from the registrar to authoritative servers',
      'The TTL applies only to AAAA records',
      'The new region was not healthy',
      'Resolvers and runtimes cache past the TTL, and pooled connections never re-resolve',
    ],
    correctIndex: 3,
    explanation: 'DNS failover depends on client cooperation. Long-lived connections and caches that ignore TTLs (some JVM settings, for instance) keep traffic on old IPs.',
  },
  {
    id: 'sre-exp-mcq-09',
    kind: 'mcq',
    topic: 'networking',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'How does anycast route users to a nearby site and fail over?',
    options: [
      'The same IP prefix is announced via BGP from many sites; routers deliver to the topologically nearest one, and a failed site withdraws its announcement',
      'A DNS server returns a different IP per user based on GeoIP',
      'The client pings every site and picks the fastest',
      'A central load balancer forwards all packets to the nearest site',
    ],
    correctIndex: 0,
    explanation: 'Routing does the work, so failover needs no client cooperation and converges quickly; long-lived TCP flows can break when routes shift.',
  },
  {
    id: 'sre-exp-mcq-10',
    kind: 'mcq',
    topic: 'observability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'What do exemplars add to metrics such as latency histograms?',
    options: [
      'Exact per-request latencies stored for every request alongside the histogram',
      'Automatic anomaly detection',
      'Links from individual samples to trace IDs',
      'Compression of high-cardinality labels',
    ],
    correctIndex: 2,
    explanation: 'An exemplar attaches a trace ID (and value) to a bucket sample, bridging cheap aggregate metrics and detailed traces without adding cardinality.',
  },
  {
    id: 'sre-exp-mcq-11',
    kind: 'mcq',
    topic: 'observability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'A process restarts, and its request counter drops from 1,000,000 back to 0. How does Prometheus rate() handle this?',
    options: [
      'It reports a huge negative rate',
      'It treats any decrease as a counter reset and adjusts, so the rate stays correct apart from increments lost between the last scrape and the restart',
      'It drops the whole time series',
      'It averages the values before and after',
    ],
    correctIndex: 1,
    explanation: 'Counters only go up, so a decrease means a reset; rate() and increase() compensate. This is why counters must never be decremented.',
  },
  {
    id: 'sre-exp-mcq-12',
    kind: 'mcq',
    topic: 'linux',
    difficulty: 5,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'During a traffic spike clients see connect timeouts and retransmitted SYNs, while the server process is healthy. netstat -s shows a rising "times the listen queue of a socket overflowed". What is happening?',
    options: [
      'The server\'s disk is full',
      'TLS certificates are being rotated',
      'DNS resolution is failing intermittently on the clients, so they keep retrying the SYN',
      'The accept queue overflows because the app accepts too slowly for the backlog',
    ],
    correctIndex: 3,
    explanation: 'Completed handshakes wait in the accept queue; when it overflows the kernel drops them and clients retry SYNs with backoff. Raise the backlog and accept faster.',
  },
  {
    id: 'sre-exp-mcq-13',
    kind: 'mcq',
    topic: 'linux',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'On a cloud VM, top shows 25% "st" (steal). What does that mean?',
    options: [
      'The hypervisor is running other guests while this VM has runnable work',
      'Processes are stealing memory from each other',
      'The kernel is reclaiming page cache',
      'A quarter of the CPU time is spent handling hardware interrupts from the NIC',
    ],
    correctIndex: 0,
    explanation: 'Steal time is CPU the VM wanted but did not get, typical of oversubscribed hosts or exhausted burst credits; it adds latency no in-guest tuning can fix.',
  },
  {
    id: 'sre-exp-mcq-14',
    kind: 'mcq',
    topic: 'incident-response',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'In a large incident, several teams start applying their own mitigations in parallel without telling each other. What is the main risk, and the standard practice?',
    options: [
      'There is no risk; parallel work by independent teams always speeds up recovery',
      'The status page gets out of date; fix it afterwards',
      'Changes confound each other; route them through the incident commander and log them',
      'Engineers may lose their shell history; record every terminal session for the postmortem',
    ],
    correctIndex: 2,
    explanation: 'When several things change at once nobody can tell which helped or hurt. The commander serialises and records risky changes.',
  },
  {
    id: 'sre-exp-mcq-15',
    kind: 'mcq',
    topic: 'ci-cd',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'What is the main reliability benefit of a cell-based architecture?',
    options: [
      'Lower cloud cost through shared infrastructure',
      'It bounds the blast radius of bad deploys or overload to one cell\'s customers',
      'It removes the need for canary deployments',
      'It allows every cell to run a different database engine chosen by its own team',
    ],
    correctIndex: 1,
    explanation: 'Cells are independent copies of the stack serving subsets of customers; deploying cell by cell means a failure is contained to a fraction of users.',
  },
  {
    id: 'sre-exp-mcq-16',
    kind: 'mcq',
    topic: 'ci-cd',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Why should a global configuration or feature-flag change go through a staged rollout like code?',
    options: [
      'Configuration files are larger than binaries',
      'Regulations require it',
      'Flags cannot be rolled back once set, so a bad value must be fixed by a code release',
      'A change applied everywhere at once can break every region simultaneously',
    ],
    correctIndex: 3,
    explanation: 'Configuration is code that bypasses the usual safety nets when pushed globally. Stage it, validate it, and watch health signals between waves.',
  },
  {
    id: 'sre-exp-mcq-17',
    kind: 'mcq',
    topic: 'infrastructure-as-code',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Where is policy as code (OPA/Conftest, Sentinel) most effective in a Terraform workflow?',
    options: [
      'Evaluating the plan in CI before apply, blocking non-compliant changes',
      'Running once a year during audit',
      'Inside the application code at run time',
      'After apply, to detect non-compliant resources and delete them automatically',
    ],
    correctIndex: 0,
    explanation: 'Checking the machine-readable plan prevents violations instead of detecting them afterwards; drift detection and cloud-side guardrails complement it.',
  },
  {
    id: 'sre-exp-mcq-18',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 3,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Which practice reflects the principles of chaos engineering?',
    options: [
      'Randomly deleting production databases to see what happens',
      'Only running experiments in a staging environment that never receives real customer traffic, to protect users',
      'A steady-state hypothesis, a realistic fault, a limited blast radius and an abort switch',
      'Running experiments only after an outage',
    ],
    correctIndex: 2,
    explanation: 'Chaos engineering is controlled experimentation: define normal, inject a real-world fault, minimise blast radius, and learn whether the system stays within steady state.',
  },
  {
    id: 'sre-exp-mcq-19',
    kind: 'mcq',
    topic: 'kubernetes',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Scale-ups are slow because new nodes take 3 minutes to join. How does "overprovisioning" with low-priority placeholder pods help?',
    options: [
      'Placeholder pods make nodes boot faster',
      'Placeholder pods reserve spare capacity; real pods preempt them instantly, and the evicted placeholders go pending, triggering the cluster autoscaler to add nodes in the background',
      'They prevent the Horizontal Pod Autoscaler from scaling',
      'They cache container images on every node',
    ],
    correctIndex: 1,
    explanation: 'Priority and preemption let real workloads take the reserved headroom immediately, while node provisioning happens off the critical path.',
  },
  {
    id: 'sre-exp-mcq-20',
    kind: 'mcq',
    topic: 'reliability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'What does "static stability" mean for a multi-zone service?',
    options: [
      'The service never changes its configuration',
      'Deployments are frozen during peak hours',
      'Autoscaling reacts within seconds to any zone failure',
      'When a zone fails, the service keeps working without needing to make changes such as launching capacity or calling control planes, because capacity is pre-provisioned',
    ],
    correctIndex: 3,
    explanation: 'Recovery actions depend on control planes that may be impaired during the same event; a statically stable system already has what it needs.',
  },
  {
    id: 'sre-exp-mcq-21',
    kind: 'mcq',
    topic: 'linux',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    prompt: 'Which eBPF/bcc tool directly shows how long runnable threads wait for a CPU, as a histogram?',
    options: ['biolatency', 'tcpretrans', 'runqlat', 'opensnoop'],
    correctIndex: 2,
    explanation: 'runqlat measures scheduler run-queue latency; biolatency measures block I/O latency, tcpretrans TCP retransmits, opensnoop open() calls.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'sre-exp-code-1',
    kind: 'coding',
    topic: 'reliability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    title: 'Circuit breaker state machine',
    statement:
      'Write circuitBreaker(events, failureThreshold, cooldownMs). Each event { t, ok } is a request arriving at time t in ms (non-decreasing); ok says whether the downstream call would succeed if it were made. The breaker starts closed.\n- Closed: the call is made. Success resets the consecutive-failure count to 0; a failure increments it, and when it reaches failureThreshold the breaker opens at time t.\n- Open: while t - openedAt < cooldownMs the call is not made ("reject"). The first request with t - openedAt >= cooldownMs is a half-open trial: the call is made; success closes the breaker (count reset to 0), failure re-opens it at time t.\nReturn one string per request: "pass" (call made and succeeded), "fail" (call made and failed) or "reject".',
    language: 'typescript',
    functionName: 'circuitBreaker',
    signature:
      'function circuitBreaker(events: { t: number; ok: boolean }[], failureThreshold: number, cooldownMs: number): ("pass" | "fail" | "reject")[]',
    starterCode:
      'type Outcome = "pass" | "fail" | "reject";\n\nfunction circuitBreaker(events: { t: number; ok: boolean }[], failureThreshold: number, cooldownMs: number): Outcome[] {\n  // TODO\n  return events.map((e): Outcome => (e.ok ? "pass" : "fail"));\n}\n',
    referenceSolution: `function circuitBreaker(events, failureThreshold, cooldownMs) {
  let open = false;
  let failures = 0;
  let openedAt = 0;
  const out = [];
  for (const { t, ok } of events) {
    if (open) {
      if (t - openedAt < cooldownMs) {
        out.push('reject');
      } else if (ok) {
        open = false;
        failures = 0;
        out.push('pass');
      } else {
        openedAt = t;
        out.push('fail');
      }
      continue;
    }
    if (ok) {
      failures = 0;
      out.push('pass');
    } else {
      failures++;
      out.push('fail');
      if (failures >= failureThreshold) {
        open = true;
        openedAt = t;
      }
    }
  }
  return out;
}`,
    exampleTests: [
      {
        args: [[{ t: 0, ok: false }, { t: 10, ok: false }, { t: 20, ok: false }, { t: 30, ok: true }, { t: 1020, ok: true }, { t: 1030, ok: true }], 3, 1000],
        expected: ['fail', 'fail', 'fail', 'reject', 'pass', 'pass'],
      },
    ],
    hiddenTests: [
      {
        args: [[{ t: 0, ok: false }, { t: 100, ok: true }, { t: 500, ok: false }, { t: 900, ok: true }, { t: 1000, ok: true }], 1, 500],
        expected: ['fail', 'reject', 'fail', 'reject', 'pass'],
        description: 'a failed trial restarts the cooldown',
      },
      {
        args: [[{ t: 0, ok: false }, { t: 1, ok: true }, { t: 2, ok: false }, { t: 3, ok: false }, { t: 3, ok: true }], 2, 100],
        expected: ['fail', 'pass', 'fail', 'fail', 'reject'],
        description: 'success resets the consecutive count',
      },
      { args: [[], 3, 1000], expected: [], description: 'no requests' },
      { args: [[{ t: 0, ok: true }, { t: 5, ok: true }], 1, 10], expected: ['pass', 'pass'] },
      {
        args: [
          [{ t: 0, ok: false }, { t: 0, ok: false }, { t: 999, ok: true }, { t: 1000, ok: false }, { t: 1500, ok: true }, { t: 2000, ok: true }, { t: 2001, ok: false }],
          2,
          1000,
        ],
        expected: ['fail', 'fail', 'reject', 'fail', 'reject', 'pass', 'fail'],
        description: 'cooldown boundary is inclusive; one failure after closing does not reopen',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'sre-exp-code-2',
    kind: 'coding',
    topic: 'reliability',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    title: 'Availability of a system topology',
    statement:
      'Write composeAvailability(tree) that computes the steady-state availability of a system from independent components. A node is one of:\n- { type: "component", availability } with availability between 0 and 1;\n- { type: "serial", children }: up only if every child is up;\n- { type: "parallel", children }: up if at least one child is up;\n- { type: "quorum", k, children }: up if at least k of its children are up (children may have different availabilities).\nAll children are independent and children arrays are non-empty. Return the availability rounded to 6 decimal places (Math.round(x * 1e6) / 1e6). For quorum nodes compute the exact probability (for example with dynamic programming over the number of children up), not an approximation.',
    language: 'typescript',
    functionName: 'composeAvailability',
    signature: 'function composeAvailability(tree: Topology): number',
    starterCode: `type Topology =
  | { type: "component"; availability: number }
  | { type: "serial"; children: Topology[] }
  | { type: "parallel"; children: Topology[] }
  | { type: "quorum"; k: number; children: Topology[] };

function composeAvailability(tree: Topology): number {
  // TODO
  return 0;
}
`,
    referenceSolution: `function composeAvailability(tree) {
  const up = (node) => {
    if (node.type === 'component') return node.availability;
    const ps = node.children.map(up);
    if (node.type === 'serial') return ps.reduce((acc, p) => acc * p, 1);
    if (node.type === 'parallel') return 1 - ps.reduce((acc, p) => acc * (1 - p), 1);
    let dist = [1];
    for (const p of ps) {
      const next = new Array(dist.length + 1).fill(0);
      for (let j = 0; j < dist.length; j++) {
        next[j] += dist[j] * (1 - p);
        next[j + 1] += dist[j] * p;
      }
      dist = next;
    }
    let total = 0;
    for (let j = node.k; j < dist.length; j++) total += dist[j];
    return total;
  };
  return Math.round(up(tree) * 1e6) / 1e6;
}`,
    exampleTests: [
      {
        args: [{ type: 'serial', children: [{ type: 'component', availability: 0.999 }, { type: 'component', availability: 0.999 }] }],
        expected: 0.998001,
      },
      {
        args: [{ type: 'parallel', children: [{ type: 'component', availability: 0.99 }, { type: 'component', availability: 0.99 }] }],
        expected: 0.9999,
      },
    ],
    hiddenTests: [
      {
        args: [{ type: 'quorum', k: 2, children: [{ type: 'component', availability: 0.99 }, { type: 'component', availability: 0.99 }, { type: 'component', availability: 0.99 }] }],
        expected: 0.999702,
        description: '2 of 3',
      },
      { args: [{ type: 'component', availability: 0.95 }], expected: 0.95, description: 'single component' },
      {
        args: [
          {
            type: 'serial',
            children: [
              { type: 'component', availability: 0.9995 },
              { type: 'parallel', children: [{ type: 'component', availability: 0.995 }, { type: 'component', availability: 0.995 }] },
              {
                type: 'quorum',
                k: 3,
                children: [
                  { type: 'component', availability: 0.98 },
                  { type: 'component', availability: 0.97 },
                  { type: 'component', availability: 0.99 },
                  { type: 'component', availability: 0.96 },
                  { type: 'component', availability: 0.95 },
                ],
              },
            ],
          },
        ],
        expected: 0.999258,
        description: 'nested topology with a 3-of-5 quorum of unequal members',
      },
      {
        args: [{ type: 'quorum', k: 1, children: [{ type: 'component', availability: 0.9 }, { type: 'component', availability: 0.8 }] }],
        expected: 0.98,
        description: '1-of-n equals parallel',
      },
      {
        args: [{ type: 'quorum', k: 2, children: [{ type: 'component', availability: 0.9 }, { type: 'component', availability: 0.8 }] }],
        expected: 0.72,
        description: 'n-of-n equals serial',
      },
      {
        args: [
          {
            type: 'parallel',
            children: [
              { type: 'serial', children: [{ type: 'component', availability: 0.99 }, { type: 'component', availability: 0.98 }] },
              { type: 'serial', children: [{ type: 'component', availability: 0.97 }, { type: 'component', availability: 0.999 }] },
            ],
          },
        ],
        expected: 0.999077,
        description: 'two redundant serial paths',
      },
      {
        args: [{ type: 'serial', children: [{ type: 'component', availability: 1 }, { type: 'component', availability: 0 }] }],
        expected: 0,
      },
    ],
    timeLimitSec: 1500,
  },
  {
    id: 'sre-exp-code-3',
    kind: 'coding',
    topic: 'incident-response',
    difficulty: 4,
    archetypes: ['devops-sre'],
    depths: ['expert'],
    title: 'Blast radius of failed services',
    statement:
      'Write blastRadius(services, failed) to estimate the impact of an outage. Each service is { name, hard, soft }: hard lists services it cannot work without, soft lists services it can degrade without. Every name referenced exists in services; dependencies may form cycles. A service is down if it is in failed, or if any hard dependency is down. A service that is not down is degraded if any of its dependencies (hard or soft) is down or degraded. Only failures propagate: services on a dependency cycle that contains no failed service stay healthy. Return { down, degraded }, each sorted with the default Array.prototype.sort order.',
    language: 'typescript',
    functionName: 'blastRadius',
    signature:
      'function blastRadius(services: { name: string; hard: string[]; soft: string[] }[], failed: string[]): { down: string[]; degraded: string[] }',
    starterCode:
      'interface Service {\n  name: string;\n  hard: string[];\n  soft: string[];\n}\n\nfunction blastRadius(services: Service[], failed: string[]): { down: string[]; degraded: string[] } {\n  // TODO\n  return { down: [...failed], degraded: [] };\n}\n',
    referenceSolution: `function blastRadius(services, failed) {
  const down = new Set(failed);
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of services) {
      if (!down.has(s.name) && s.hard.some((d) => down.has(d))) {
        down.add(s.name);
        changed = true;
      }
    }
  }
  const degraded = new Set();
  changed = true;
  while (changed) {
    changed = false;
    for (const s of services) {
      if (down.has(s.name) || degraded.has(s.name)) continue;
      if ([...s.hard, ...s.soft].some((d) => down.has(d) || degraded.has(d))) {
        degraded.add(s.name);
        changed = true;
      }
    }
  }
  return { down: [...down].sort(), degraded: [...degraded].sort() };
}`,
    exampleTests: [
      {
        args: [
          [
            { name: 'db', hard: [], soft: [] },
            { name: 'api', hard: ['db'], soft: [] },
            { name: 'web', hard: ['api'], soft: ['recs'] },
            { name: 'recs', hard: [], soft: ['ml'] },
            { name: 'ml', hard: [], soft: [] },
          ],
          ['ml'],
        ],
        expected: { down: ['ml'], degraded: ['recs', 'web'] },
      },
    ],
    hiddenTests: [
      {
        args: [
          [
            { name: 'db', hard: [], soft: [] },
            { name: 'api', hard: ['db'], soft: [] },
            { name: 'web', hard: ['api'], soft: ['recs'] },
            { name: 'recs', hard: ['ml'], soft: [] },
            { name: 'ml', hard: [], soft: [] },
          ],
          ['db'],
        ],
        expected: { down: ['api', 'db', 'web'], degraded: [] },
        description: 'hard dependencies chain',
      },
      {
        args: [[{ name: 'a', hard: ['b'], soft: [] }, { name: 'b', hard: ['a'], soft: [] }, { name: 'c', hard: [], soft: ['a'] }], []],
        expected: { down: [], degraded: [] },
        description: 'a healthy cycle stays healthy',
      },
      {
        args: [[{ name: 'a', hard: ['b'], soft: [] }, { name: 'b', hard: ['a'], soft: [] }, { name: 'c', hard: [], soft: ['a'] }], ['b']],
        expected: { down: ['a', 'b'], degraded: ['c'] },
        description: 'failure inside a cycle',
      },
      { args: [[{ name: 'x', hard: [], soft: [] }], ['x']], expected: { down: ['x'], degraded: [] } },
      {
        args: [
          [
            { name: 'auth', hard: [], soft: [] },
            { name: 'cart', hard: ['auth'], soft: ['promo'] },
            { name: 'promo', hard: [], soft: ['auth'] },
            { name: 'checkout', hard: ['cart', 'payments'], soft: [] },
            { name: 'payments', hard: [], soft: [] },
            { name: 'email', hard: [], soft: ['checkout'] },
          ],
          ['payments'],
        ],
        expected: { down: ['checkout', 'payments'], degraded: ['email'] },
      },
      {
        args: [
          [
            { name: 'auth', hard: [], soft: [] },
            { name: 'cart', hard: ['auth'], soft: ['promo'] },
            { name: 'promo', hard: ['flags'], soft: [] },
            { name: 'flags', hard: [], soft: [] },
            { name: 'checkout', hard: ['cart'], soft: [] },
            { name: 'search', hard: [], soft: ['flags'] },
          ],
          ['flags'],
        ],
        expected: { down: ['flags', 'promo'], degraded: ['cart', 'checkout', 'search'] },
        description: 'degradation propagates through hard dependencies too',
      },
    ],
    timeLimitSec: 1500,
  },
];
