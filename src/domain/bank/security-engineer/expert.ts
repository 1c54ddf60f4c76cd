import type { BankItem } from '../bank-item';

/** Security engineer, expert depth: security architecture, advanced attack classes and programme-level judgement. */
export const SECURITY_ENGINEER_EXPERT: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'sec-exp-spk-01',
    kind: 'spoken',
    topic: 'threat-modeling',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'You are reviewing the architecture of a multi-tenant SaaS product where all tenants share one database and one application tier. What are the main threats to tenant isolation, and which controls would you require?',
    referenceAnswer:
      'The top threat is cross-tenant data access: an insecure direct object reference where an endpoint trusts an id without checking that it belongs to the caller\'s tenant, a missing tenant filter in one query, a cache key or search index that is not partitioned by tenant, background jobs or exports that run without tenant context, or tenant ids taken from user-controlled input instead of the authenticated session. Other threats: noisy neighbours exhausting shared resources, and shared secrets or keys whose compromise exposes everyone. Controls: derive the tenant from the authenticated token only; enforce scoping structurally, in a data access layer that cannot issue unscoped queries, or with database row-level security, rather than remembering it per endpoint; partition caches, queues, object storage prefixes and search indices by tenant; per-tenant encryption keys for high-value data; per-tenant quotas and rate limits; automated tests that try to read across tenants for every endpoint; and logging that records the tenant on every access so leaks can be detected and scoped.',
    keyConcepts: ['cross-tenant', 'IDOR', 'tenant context', 'row-level security', 'per-tenant keys', 'noisy neighbour'],
  },
  {
    id: 'sec-exp-spk-02',
    kind: 'spoken',
    topic: 'cryptography',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Outline the cryptographic design of an end-to-end encrypted messaging system. What properties do you want, and what remains hard?',
    referenceAnswer:
      'Each device has a long-term identity key pair and publishes signed prekeys to the server, so a sender can establish a session asynchronously with an authenticated key agreement such as X3DH or its post-quantum successor PQXDH. Messages are then protected with a double ratchet: a symmetric ratchet derives a new key per message, and a Diffie-Hellman ratchet mixes in fresh ephemeral keys as the conversation goes back and forth. That gives forward secrecy, since compromising current keys does not reveal past messages, and post-compromise security, since the session heals after new ephemeral keys are exchanged. The server only relays ciphertext. What remains hard: authenticating identity keys, because the server could substitute keys, so users need safety numbers or key transparency; multi-device support and group messaging at scale; metadata such as who talks to whom and when, which encryption alone does not hide; backups that do not undermine the encryption; and endpoint compromise, which no protocol solves.',
    keyConcepts: ['identity key', 'key agreement', 'double ratchet', 'forward secrecy', 'post-compromise security', 'metadata'],
  },
  {
    id: 'sec-exp-spk-03',
    kind: 'spoken',
    topic: 'security-operations',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'GuardDuty alerts that an IAM access key belonging to a CI role is making API calls from an unknown hosting provider. Lead the incident response.',
    referenceAnswer:
      'Declare an incident with a lead, a scribe and a communication channel. Contain quickly but carefully: deactivate the key, or attach a deny-all policy and revoke the role\'s active sessions, since temporary credentials already issued stay valid until they expire unless explicitly revoked. Preserve evidence before changing more: keep CloudTrail and other logs in a separate account, snapshot affected resources rather than deleting them. Scope the compromise from CloudTrail: every action made with that key and any credentials it created, new IAM users, keys, roles or trust policy changes for persistence, data access such as S3 GetObject volumes, and resources launched, such as crypto-mining instances, across all regions. Find the root cause, for example a leaked CI secret or a compromised build dependency. Eradicate all persistence, rotate every credential that could have been exposed, restore from known-good state, and monitor closely for return. Meet legal and notification obligations if data was accessed, then hold a blameless review and replace long-lived keys with federated short-lived credentials.',
    keyConcepts: ['contain', 'deactivate the key', 'preserve evidence', 'CloudTrail', 'persistence', 'root cause'],
  },
  {
    id: 'sec-exp-spk-04',
    kind: 'spoken',
    topic: 'identity-access',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Design authorization for a large collaborative product with nested folders, sharing, groups and organisations. Compare RBAC, ABAC and relationship-based access control, and explain the consistency problems you must handle.',
    referenceAnswer:
      'Role-based access control assigns permissions to roles and roles to users: simple and auditable, but it explodes when permissions depend on individual resources. Attribute-based access control evaluates policies over attributes of user, resource and context, flexible for rules like department or data classification, but hard to reason about and audit at scale. Sharing and nested folders are naturally relationships, so relationship-based access control as in Google Zanzibar fits: store tuples such as document viewer user, folder parent, group member, and define permissions as rewrites, for example a viewer of a folder is a viewer of its documents, evaluated by graph traversal in a central authorization service such as SpiceDB or OpenFGA, usually combined with a few attribute conditions. Consistency is the hard part: the "new enemy" problem, where a user is removed from a folder and new content added afterwards must not be visible to them under a stale check; Zanzibar solves it with consistency tokens, zookies, that make checks at least as fresh as the content version. You also need caching with careful invalidation, latency budgets for deep hierarchies, list filtering at scale, and audit logs of every decision.',
    keyConcepts: ['RBAC', 'ABAC', 'relationship-based', 'Zanzibar', 'new enemy', 'consistency token'],
  },
  {
    id: 'sec-exp-spk-05',
    kind: 'spoken',
    topic: 'web-security',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Explain the browser\'s isolation model: origins versus sites, what cross-origin isolation with COOP and COEP provides, and why Spectre changed browser security.',
    referenceAnswer:
      'An origin is scheme, host and port; the same-origin policy stops one origin from reading another\'s DOM or responses. A site is scheme plus registrable domain, so subdomains are same-site though cross-origin; SameSite cookies use the site notion, which is why a compromised subdomain can still send same-site requests. Spectre showed that code running in a process can read any memory in that process through speculative execution side channels, so the same-origin policy alone is not enough if cross-origin data shares a renderer process. Browsers responded with site isolation, separate processes per site, and cross-origin read blocking for sensitive responses, and they gated high-resolution timers and SharedArrayBuffer behind cross-origin isolation. A page becomes cross-origin isolated by sending Cross-Origin-Opener-Policy same-origin, which severs its browsing context group from cross-origin popups, and Cross-Origin-Embedder-Policy require-corp or credentialless, which only lets it load cross-origin resources that opt in with CORP or CORS. Then it can safely use SharedArrayBuffer, for example for multithreaded WebAssembly.',
    keyConcepts: ['origin', 'site', 'same-origin policy', 'Spectre', 'site isolation', 'SharedArrayBuffer'],
  },
  {
    id: 'sec-exp-spk-06',
    kind: 'spoken',
    topic: 'secure-coding',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'How would you make sure that what runs in production is exactly what was built from reviewed source code?',
    referenceAnswer:
      'Treat it as a chain of evidence. Source: protected branches, mandatory review, signed commits or at least verified identities. Build: hosted, ephemeral, isolated builders that run only the checked-in build definition, ideally hermetic and reproducible, with dependencies pinned by hash. The builder generates signed provenance, an in-toto or SLSA attestation stating which source commit, builder and parameters produced the artifact digest, with keys the build steps themselves cannot access, which is what higher SLSA levels require. Artifacts are signed, for example with Sigstore cosign using keyless identity-based signing and a transparency log. Deploy: an admission controller or deploy gate verifies the signature and the provenance policy, such as built by our builder from our repository on the main branch, and rejects anything else, including images referenced by mutable tags. SBOMs per artifact support vulnerability response. Finally, detect drift: alert on workloads running unsigned images or manual changes.',
    keyConcepts: ['provenance', 'SLSA', 'signed', 'hermetic', 'admission controller', 'digest'],
  },
  {
    id: 'sec-exp-spk-07',
    kind: 'spoken',
    topic: 'network-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'An attacker has a foothold on one employee workstation in a Windows Active Directory environment. How do they typically move laterally, and how do you prevent and detect it?',
    referenceAnswer:
      'They dump credentials from memory or the local security store, then reuse them with pass-the-hash or pass-the-ticket, use remote execution over SMB, WMI, WinRM or RDP, enumerate Active Directory with tools like BloodHound to find paths to domain admin, request service tickets for accounts with service principal names and crack them offline, which is Kerberoasting, and abuse misconfigured delegation or certificate services. Prevention: tiered administration so privileged credentials never touch workstations, LAPS for unique local admin passwords, Credential Guard, removing unnecessary local admin rights, strong managed service account passwords, host firewalls blocking workstation-to-workstation SMB and RDP, and fixing attack paths BloodHound reveals. Detection: EDR on endpoints, monitoring for unusual logons and remote execution, anomalous Kerberos ticket requests such as RC4 service tickets, and honeytokens, decoy accounts or credentials that alert on any use, which give very high-fidelity signals.',
    keyConcepts: ['credential dumping', 'pass-the-hash', 'Kerberoasting', 'tiered administration', 'LAPS', 'honeytokens'],
  },
  {
    id: 'sec-exp-spk-08',
    kind: 'spoken',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'How should an organisation plan its migration to post-quantum cryptography?',
    referenceAnswer:
      'A large quantum computer running Shor\'s algorithm would break RSA and elliptic-curve cryptography, both key exchange and signatures, while symmetric ciphers and hashes only need larger parameters against Grover. The urgent threat is harvest now, decrypt later: traffic recorded today can be decrypted in the future, so long-lived confidential data needs post-quantum key exchange first. Signatures matter later for live authentication, but sooner for long-lived roots of trust such as firmware signing. Start with an inventory of where and how cryptography is used, including libraries, protocols, certificates and hardware. Prefer hybrid key exchange, such as X25519 combined with ML-KEM, the NIST standard derived from Kyber, which TLS libraries and browsers already deploy, so security holds if either component does. Plan for ML-DSA and SLH-DSA signatures, larger keys and handshakes that may break middleboxes, and build crypto agility, so algorithms can be swapped by configuration instead of code rewrites. Prioritise by data lifetime and exposure, and track vendor roadmaps.',
    keyConcepts: ['harvest now decrypt later', 'key exchange', 'inventory', 'hybrid', 'ML-KEM', 'crypto agility'],
  },
  {
    id: 'sec-exp-spk-09',
    kind: 'spoken',
    topic: 'threat-modeling',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'A product team adds an LLM assistant that reads users\' email and documents and can call tools such as sending email and creating calendar events. Threat model it.',
    referenceAnswer:
      'The model cannot reliably separate instructions from data, so any content it reads is a potential attacker input. Direct prompt injection comes from the user; indirect prompt injection comes from an email or document written by an outsider that tells the model to, for example, forward the inbox to an attacker or exfiltrate data through a link or image URL that encodes secrets. The assistant acts with the user\'s privileges, so the impact is the confused deputy problem. Controls: treat model output as untrusted input, validate and encode it before rendering, and block automatic loading of external URLs and images; give tools least privilege and narrow scopes; require explicit user confirmation for consequential or outbound actions such as sending email or sharing files; isolate untrusted content, for example by separating a privileged planner from a quarantined model that handles untrusted text; keep per-user data boundaries in retrieval so one user\'s documents never reach another\'s context; log tool calls for audit; rate-limit; and red-team it continuously, because filters and system prompts alone are bypassable.',
    keyConcepts: ['indirect prompt injection', 'untrusted', 'exfiltration', 'least privilege', 'user confirmation', 'confused deputy'],
  },
  {
    id: 'sec-exp-spk-10',
    kind: 'spoken',
    topic: 'identity-access',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Your company uses passwords plus push-notification MFA, and was still breached through phishing. Why, and what would you move to?',
    referenceAnswer:
      'Push, SMS and one-time codes authenticate the user but not the website. Adversary-in-the-middle phishing kits such as Evilginx proxy the real login page, relay the password and the one-time code in real time, and steal the resulting session cookie; push fatigue attacks simply spam approvals until a tired user taps accept, and SIM swaps defeat SMS. The fix is phishing-resistant authentication: FIDO2 WebAuthn security keys or passkeys, where the browser binds the signed challenge to the origin, so a credential registered for the real site cannot be used by a look-alike domain, and the private key never leaves the authenticator. Roll it out starting with administrators and high-risk roles, and handle enrollment and account recovery carefully, since recovery becomes the weakest link. Complement it with device-bound sessions or token binding, conditional access on device posture, short session lifetimes for sensitive apps, and detection of impossible travel and session anomalies.',
    keyConcepts: ['adversary in the middle', 'session cookie', 'push fatigue', 'phishing-resistant', 'WebAuthn', 'origin'],
  },
  {
    id: 'sec-exp-spk-11',
    kind: 'spoken',
    topic: 'security-operations',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'How do you make a company resilient to a ransomware attack that gains domain administrator and cloud administrator rights?',
    referenceAnswer:
      'Assume the attacker will find and try to destroy backups before encrypting, so backups must survive an administrator compromise: immutable storage with object lock in compliance mode, a separate backup account or vault with separate credentials and MFA, offline or air-gapped copies, and no management path from the production domain. Test restores regularly at scale, measure real recovery times, and know the order of restoring identity, networking and critical applications; a clean-room recovery environment helps. Reduce the chance of full compromise with tiered administration, privileged access workstations, phishing-resistant MFA for admins, just-in-time privileged access, and prompt patching of internet-facing systems. Detect early stages: discovery, credential dumping, disabling of security tools, mass file changes and large data egress, since modern groups exfiltrate before encrypting for double extortion. Prepare an incident playbook with legal, communications and decision-making about extortion in advance.',
    keyConcepts: ['immutable backups', 'separate credentials', 'test restores', 'tiered administration', 'exfiltration', 'playbook'],
  },
  {
    id: 'sec-exp-spk-12',
    kind: 'spoken',
    topic: 'web-security',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What is HTTP request smuggling, and how do you defend a stack with a CDN, a load balancer and application servers against it?',
    referenceAnswer:
      'Request smuggling exploits disagreement between two HTTP parsers about where one request ends and the next begins on a shared, reused connection. Classic variants: the front end uses Content-Length while the back end uses Transfer-Encoding chunked, or the reverse, or one of them tolerates an obfuscated header the other ignores; HTTP/2 to HTTP/1.1 downgrading adds more variants. The attacker hides a second request inside the body of the first, and the back end treats it as the start of the next request, which may belong to another user. Consequences include bypassing front-end access controls, poisoning caches, and capturing other users\' requests and cookies. Defences: use HTTP/2 end to end where possible; make every hop normalise or reject ambiguous requests, such as both Content-Length and Transfer-Encoding, duplicate or malformed headers, or invalid chunk sizes; keep proxies and servers patched and of consistent, strict parsing behaviour; avoid connection reuse between front end and back end where the risk is high; and test with dedicated scanners.',
    keyConcepts: ['parsers disagree', 'Content-Length', 'Transfer-Encoding', 'connection reuse', 'cache poisoning', 'reject ambiguous'],
  },
  {
    id: 'sec-exp-spk-13',
    kind: 'spoken',
    topic: 'secure-coding',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Why do memory-safety bugs dominate critical vulnerabilities in C and C++ codebases, and what is an effective strategy to reduce them?',
    referenceAnswer:
      'C and C++ leave bounds, lifetimes and initialisation to the programmer, so out-of-bounds reads and writes, use-after-free, double free, integer overflows in size calculations and type confusion are easy to introduce; major vendors report that around 70 percent of their serious vulnerabilities are memory-safety issues. Exploit mitigations such as ASLR, non-executable memory, stack canaries, control-flow integrity and hardened allocators raise the cost but are regularly bypassed. An effective strategy: write new code, especially parsers and code that handles untrusted input, in a memory-safe language such as Rust, Go or Swift, because vulnerability density is concentrated in new code; wrap and sandbox legacy components that parse untrusted data; continuously fuzz with sanitizers such as AddressSanitizer, for example through OSS-Fuzz; adopt safer C++ subsets, bounds-checked containers and hardening modes; and track memory-safety bug rates to measure progress.',
    keyConcepts: ['use-after-free', 'out-of-bounds', 'mitigations', 'memory-safe language', 'fuzzing', 'sandbox'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'sec-exp-mcq-01',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Why do certificate-authenticated TLS 1.3 handshakes always provide forward secrecy?',
    options: [
      'TLS 1.3 encrypts the certificate',
      'Static RSA key exchange was removed; keys always come from ephemeral (EC)DHE',
      'TLS 1.3 rotates the server certificate and its private key for every session',
      'TLS 1.3 uses only symmetric cryptography',
    ],
    correctIndex: 1,
    explanation: 'With RSA key transport, stealing the server key later decrypts recorded sessions. Ephemeral Diffie-Hellman keys are discarded after the handshake.',
  },
  {
    id: 'sec-exp-mcq-02',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Given the "harvest now, decrypt later" threat, what should a post-quantum migration prioritise first?',
    options: [
      'Doubling AES key sizes everywhere',
      'Replacing all code-signing and TLS certificates with post-quantum signatures immediately',
      'Hybrid post-quantum key exchange (e.g. X25519 + ML-KEM) for long-lived secrets',
      'Replacing SHA-256 with MD5 for speed',
    ],
    correctIndex: 2,
    explanation: 'Recorded ciphertext becomes readable once key exchange is broken; signatures only need to resist forgery at the time of use (except long-lived roots).',
  },
  {
    id: 'sec-exp-mcq-03',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'A firmware signer uses ECDSA and, due to a bug, reuses the same per-signature nonce k for two different messages. What can an attacker do?',
    options: [
      'Nothing, because ECDSA security depends only on keeping the private key secret',
      'Forge signatures only for those two messages',
      'Learn the message contents',
      'Recover the private key and sign anything',
    ],
    correctIndex: 3,
    explanation: 'With two signatures sharing k, k and then the private key follow from simple algebra (the PS3 break). Use deterministic nonces (RFC 6979) or Ed25519.',
  },
  {
    id: 'sec-exp-mcq-04',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'An API authenticates requests with tag = SHA-256(secret || message). What attack applies, and what should be used instead?',
    options: [
      'Length extension: forge tags for extended messages without the secret; use HMAC',
      'Birthday attack on SHA-256; use SHA-512',
      'Padding oracle; use CBC mode',
      'No attack applies, because SHA-256 is collision resistant and preimage resistant',
    ],
    correctIndex: 0,
    explanation: 'Merkle-Damgård hashes let anyone continue hashing from a known digest. HMAC (or SHA-3/KMAC) is designed as a MAC.',
  },
  {
    id: 'sec-exp-mcq-05',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What makes WebAuthn/passkeys resistant to real-time phishing proxies that defeat one-time codes?',
    options: [
      'The codes are longer',
      'The browser scopes credentials to the relying party ID and includes the origin in the signed data, so a look-alike domain cannot obtain a usable assertion',
      'Passkeys are stored on the server',
      'The user must type the domain name',
    ],
    correctIndex: 1,
    explanation: 'Origin binding is enforced by the browser, not the user. A proxy on another domain cannot get an assertion for the real relying party.',
  },
  {
    id: 'sec-exp-mcq-06',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'In Google\'s Zanzibar authorization system, what problem do "zookies" (consistency tokens) solve?',
    options: [
      'Session cookies expiring too soon',
      'Encrypting ACLs at rest',
      'Load balancing between authorization servers',
      'The "new enemy" problem: ensuring a check is evaluated at a snapshot at least as new as the content, so a user removed before content was added cannot see it',
    ],
    correctIndex: 3,
    explanation: 'Checks carry a token from the content write; evaluating ACLs no older than that prevents stale permissions exposing new content.',
  },
  {
    id: 'sec-exp-mcq-07',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What is an XML signature wrapping attack against SAML?',
    options: [
      'Moving the signed element and inserting a forged assertion the app reads instead',
      'The attacker brute-forces the IdP\'s signing key',
      'Replaying an expired assertion after rewinding the service provider\'s clock skew window',
      'The attacker compresses the XML to hide a payload',
    ],
    correctIndex: 0,
    explanation: 'Verification and consumption look at different nodes. Process only the exact element that was verified, and use strict schema-validated parsing.',
  },
  {
    id: 'sec-exp-mcq-08',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What is the root cause of HTTP request smuggling?',
    options: [
      'A TLS downgrade between the proxy and the origin server exposing plaintext headers',
      'Missing CSRF tokens',
      'Front end and back end disagree on where a request ends',
      'Cookies without the Secure attribute',
    ],
    correctIndex: 2,
    explanation: 'The discrepancy lets an attacker prefix the next request on the connection. Normalise or reject ambiguous requests at every hop.',
  },
  {
    id: 'sec-exp-mcq-09',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'An application builds absolute links from the X-Forwarded-Host header, and a CDN caches pages without including that header in the cache key. What is the risk?',
    options: [
      'Slower cache hits',
      'Web cache poisoning: a crafted response is cached and served to all users',
      'TLS certificate mismatch errors for users who reach the CDN through a different host',
      'Session fixation',
    ],
    correctIndex: 1,
    explanation: 'Unkeyed inputs that change the response poison the shared cache. Do not reflect unkeyed headers, or add them to the cache key.',
  },
  {
    id: 'sec-exp-mcq-10',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What do the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp achieve together?',
    options: [
      'They replace CORS for API calls',
      'They prevent all XSS',
      'They force HTTPS',
      'They make the document cross-origin isolated, enabling SharedArrayBuffer and precise timers while limiting Spectre-style cross-origin data leaks',
    ],
    correctIndex: 3,
    explanation: 'COOP separates the browsing context group; COEP only loads cross-origin resources that opt in. Together they allow powerful features safely.',
  },
  {
    id: 'sec-exp-mcq-11',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'A developer tool runs an unauthenticated HTTP API on 127.0.0.1:8080, assuming web pages cannot reach it. How can a malicious website still interact with it?',
    options: [
      'DNS rebinding: the attacker\'s domain later resolves to 127.0.0.1',
      'By guessing the TLS session key',
      'Through SQL injection in the browser',
      'It cannot; browsers never let public web pages connect to loopback addresses',
    ],
    correctIndex: 0,
    explanation: 'The origin stays the attacker\'s domain while the IP changes. Local services must validate the Host header and require authentication.',
  },
  {
    id: 'sec-exp-mcq-12',
    kind: 'mcq',
    topic: 'threat-modeling',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'An LLM agent summarises incoming emails and can send email on the user\'s behalf. Which control most directly limits the damage of indirect prompt injection?',
    options: [
      'A stronger system prompt telling the model to ignore any instructions found in emails',
      'A larger model',
      'Least-privilege tools and user confirmation before outbound actions',
      'Encrypting the emails at rest',
    ],
    correctIndex: 2,
    explanation: 'Instructions hidden in content cannot be reliably filtered; limiting what the model can do and requiring human approval bounds the impact.',
  },
  {
    id: 'sec-exp-mcq-13',
    kind: 'mcq',
    topic: 'threat-modeling',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'In a shared-database multi-tenant SaaS, which control most reliably prevents cross-tenant data leaks?',
    options: [
      'Code review reminding developers to add a tenant filter to each query',
      'Structural enforcement, such as a data-access layer that cannot issue unscoped queries or database row-level security keyed to the authenticated tenant',
      'Obfuscating tenant ids with UUIDs',
      'Rate limiting per tenant',
    ],
    correctIndex: 1,
    explanation: 'Per-endpoint discipline eventually fails once; enforcement by construction does not depend on every query being written correctly. Unguessable ids are not authorisation.',
  },
  {
    id: 'sec-exp-mcq-14',
    kind: 'mcq',
    topic: 'secure-coding',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'A privileged service checks access(path) and then calls open(path) on a user-writable directory. What is the flaw?',
    options: [
      'A TOCTOU race: the path is swapped for a symlink between check and open',
      'access() leaks memory',
      'open() ignores permissions for root',
      'There is no flaw, because both calls resolve the same path string in the same process',
    ],
    correctIndex: 0,
    explanation: 'The check and the use refer to the name, not the object. Open first (with O_NOFOLLOW or openat) and check the file descriptor, or drop privileges.',
  },
  {
    id: 'sec-exp-mcq-15',
    kind: 'mcq',
    topic: 'secure-coding',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What does SLSA build provenance let a deployment system verify?',
    options: [
      'That the code has no vulnerabilities',
      'That the artifact was signed by any certificate that chains to a public root CA',
      'That the dependencies are up to date',
      'Which builder, source repository, commit and parameters produced the artifact',
    ],
    correctIndex: 3,
    explanation: 'Provenance is a signed attestation about how an artifact was built; policies can require a trusted builder and source before deploying.',
  },
  {
    id: 'sec-exp-mcq-16',
    kind: 'mcq',
    topic: 'secure-coding',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'C code allocates buf = malloc(count * sizeof(struct item)) with an attacker-controlled 32-bit count, then copies count items. What is the danger?',
    options: [
      'malloc returns zeroed memory',
      'count * size can overflow to a small allocation, and the copy overruns it',
      'sizeof is evaluated at run time',
      'The program leaks the allocation because free() is never called on error paths',
    ],
    correctIndex: 1,
    explanation: 'Check for overflow before multiplying, or use calloc / reallocarray, which detect it.',
  },
  {
    id: 'sec-exp-mcq-17',
    kind: 'mcq',
    topic: 'network-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'What makes Kerberoasting possible in Active Directory?',
    options: [
      'Kerberos sends passwords in clear text',
      'Domain controllers allow anonymous LDAP writes',
      'Any domain user can request service tickets for accounts with SPNs; they are encrypted with a key derived from the service account\'s password and can be cracked offline',
      'NTLM relay to the domain controller',
    ],
    correctIndex: 2,
    explanation: 'Weak service-account passwords fall quickly offline. Use long random or managed (gMSA) passwords, AES-only encryption, and alert on unusual ticket requests.',
  },
  {
    id: 'sec-exp-mcq-18',
    kind: 'mcq',
    topic: 'network-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'Why are honeytokens (decoy credentials, keys or records) valuable for detecting lateral movement?',
    options: [
      'They block attackers automatically',
      'They encrypt real credentials',
      'They replace endpoint detection, because attackers always try stolen credentials first',
      'Nobody legitimate uses them, so any use is a high-fidelity alert',
    ],
    correctIndex: 3,
    explanation: 'Decoys planted where attackers look (memory, config files, AD) turn the attacker\'s reconnaissance into a reliable tripwire.',
  },
  {
    id: 'sec-exp-mcq-19',
    kind: 'mcq',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'A cloud access key is being abused right now. Which first step balances containment and investigation best?',
    options: [
      'Disable the key and revoke sessions, preserving logs and snapshots',
      'Delete every resource the attacker touched immediately',
      'Wait and watch quietly to learn the attacker\'s goals before taking any action',
      'Rotate all passwords in the company, then look at the logs',
    ],
    correctIndex: 0,
    explanation: 'Stop the active abuse without destroying the evidence needed to scope persistence and data access.',
  },
  {
    id: 'sec-exp-mcq-20',
    kind: 'mcq',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'How do you keep audit logs trustworthy if an attacker gains administrator rights in the production account?',
    options: [
      'Keep logs on the production hosts with strict file permissions owned by root',
      'Rely on the attacker not knowing where logs are',
      'Ship them to a separate security account with write-once retention',
      'Compress the logs daily',
    ],
    correctIndex: 2,
    explanation: 'Logs must sit outside the blast radius of the systems they record; immutability and digest validation reveal tampering.',
  },
  {
    id: 'sec-exp-mcq-21',
    kind: 'mcq',
    topic: 'network-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    prompt: 'A webhook feature validates the target URL\'s hostname against private IP ranges, then fetches it. Attackers still reach internal services. What is the most robust fix?',
    options: [
      'Block URLs containing the word "internal"',
      'Validate the hostname with a stricter regular expression',
      'Only allow port 443',
      'Route outbound requests through an egress proxy that resolves DNS itself and enforces the address policy at connect time, including after every redirect',
    ],
    correctIndex: 3,
    explanation: 'Check-then-fetch is defeated by DNS rebinding, redirects and alternative IP notations; enforcing on the actual connected address closes those gaps.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'sec-exp-code-1',
    kind: 'coding',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    title: 'Verify a tamper-evident audit log',
    statement:
      'An audit log is a hash chain: each entry is { data, prevHash, hash }. The first entry\'s prevHash must be "00000000"; every later entry\'s prevHash must equal the previous entry\'s hash; and every entry\'s hash must equal hash32hex(prevHash + "|" + data), using the hash32hex function given in the starter code (8 lower-case hex digits). Write verifyHashChain(entries) returning the index of the first entry that breaks any of these rules, or -1 if the whole chain is intact. (Real systems use HMAC-SHA-256 or signatures with keys held outside the logging host; the simple hash keeps the exercise self-contained.)',
    language: 'typescript',
    functionName: 'verifyHashChain',
    signature: 'function verifyHashChain(entries: { data: string; prevHash: string; hash: string }[]): number',
    starterCode: `/** 32-bit FNV-1a with a MurmurHash3 finalizer, as 8 lower-case hex digits. Use it as given. */
function hash32hex(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, "0");
}

function verifyHashChain(entries: { data: string; prevHash: string; hash: string }[]): number {
  // TODO
  return -1;
}
`,
    referenceSolution: `function verifyHashChain(entries) {
  const hash32hex = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    return (h >>> 0).toString(16).padStart(8, '0');
  };
  let expectedPrev = '00000000';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.prevHash !== expectedPrev || e.hash !== hash32hex(e.prevHash + '|' + e.data)) return i;
    expectedPrev = e.hash;
  }
  return -1;
}`,
    exampleTests: [
      {
        args: [
          [
            { data: 'login alice', prevHash: '00000000', hash: '322828e3' },
            { data: 'grant admin bob', prevHash: '322828e3', hash: 'acf6c154' },
            { data: 'export customers', prevHash: 'acf6c154', hash: '8d0826e9' },
            { data: 'logout alice', prevHash: '8d0826e9', hash: 'f1f82303' },
          ],
        ],
        expected: -1,
      },
      {
        args: [
          [
            { data: 'login alice', prevHash: '00000000', hash: '322828e3' },
            { data: 'grant admin bob', prevHash: '322828e3', hash: 'acf6c154' },
            { data: 'export nothing', prevHash: 'acf6c154', hash: '8d0826e9' },
            { data: 'logout alice', prevHash: '8d0826e9', hash: 'f1f82303' },
          ],
        ],
        expected: 2,
      },
    ],
    hiddenTests: [
      {
        args: [
          [
            { data: 'login alice', prevHash: '00000000', hash: '322828e3' },
            { data: 'grant admin eve', prevHash: '322828e3', hash: '78d037fc' },
            { data: 'export customers', prevHash: 'acf6c154', hash: '8d0826e9' },
            { data: 'logout alice', prevHash: '8d0826e9', hash: 'f1f82303' },
          ],
        ],
        expected: 2,
        description: 'an edited entry with a recomputed hash breaks the next link',
      },
      {
        args: [
          [
            { data: 'login alice', prevHash: '00000000', hash: '322828e3' },
            { data: 'export customers', prevHash: 'acf6c154', hash: '8d0826e9' },
            { data: 'logout alice', prevHash: '8d0826e9', hash: 'f1f82303' },
          ],
        ],
        expected: 1,
        description: 'a deleted entry',
      },
      {
        args: [
          [
            { data: 'grant admin bob', prevHash: '322828e3', hash: 'acf6c154' },
            { data: 'login alice', prevHash: '00000000', hash: '322828e3' },
          ],
        ],
        expected: 0,
        description: 'reordered entries',
      },
      { args: [[]], expected: -1, description: 'empty log' },
      { args: [[{ data: 'boot', prevHash: 'ffffffff', hash: '1d4dac08' }]], expected: 0, description: 'wrong genesis value' },
      {
        args: [
          [
            { data: 'login alice', prevHash: '00000000', hash: '322828e3' },
            { data: 'grant admin bob', prevHash: '322828e3', hash: 'acf6c154' },
            { data: 'export customers', prevHash: 'acf6c154', hash: '8D0826E9' },
          ],
        ],
        expected: 2,
        description: 'hashes are compared exactly (lower case)',
      },
      { args: [[{ data: 'event 9', prevHash: '00000000', hash: '05c5fa43' }]], expected: -1, description: 'hash with a leading zero' },
      { args: [[{ data: 'event 9', prevHash: '00000000', hash: '5c5fa43' }]], expected: 0, description: 'unpadded hash' },
    ],
    timeLimitSec: 900,
  },
  {
    id: 'sec-exp-code-2',
    kind: 'coding',
    topic: 'threat-modeling',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    title: 'Find chokepoints in an attack graph',
    statement:
      'Write chokepoints(edges, entries, target) for an attack graph. Each edge [a, b] means an attacker who controls a can reach b. entries are the nodes the attacker starts from and target is the crown jewel. A chokepoint is a node, other than an entry or the target, such that removing it (with its edges) leaves the target unreachable from every entry: a single control there would cut every attack path. Return all chokepoints sorted with the default Array.prototype.sort order. If the target is not reachable at all, or the target is itself an entry, return []. The graph may contain cycles and self-loops.',
    language: 'typescript',
    functionName: 'chokepoints',
    signature: 'function chokepoints(edges: [string, string][], entries: string[], target: string): string[]',
    starterCode:
      'function chokepoints(edges: [string, string][], entries: string[], target: string): string[] {\n  // TODO\n  return [];\n}\n',
    referenceSolution: `function chokepoints(edges, entries, target) {
  const adjacency = new Map();
  for (const [a, b] of edges) {
    if (!adjacency.has(a)) adjacency.set(a, []);
    adjacency.get(a).push(b);
  }
  const reachable = (removed) => {
    const seen = new Set();
    const stack = entries.filter((e) => e !== removed);
    for (const e of stack) seen.add(e);
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === target) return true;
      for (const next of adjacency.get(node) || []) {
        if (next !== removed && !seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  };
  if (!reachable(null)) return [];
  const result = [];
  for (const node of new Set(edges.flat())) {
    if (node === target || entries.includes(node)) continue;
    if (!reachable(node)) result.push(node);
  }
  return result.sort();
}`,
    exampleTests: [
      { args: [[['internet', 'waf'], ['waf', 'app'], ['app', 'db']], ['internet'], 'db'], expected: ['app', 'waf'] },
      {
        args: [[['internet', 'waf'], ['waf', 'app'], ['app', 'db'], ['internet', 'vpn'], ['vpn', 'jumpbox'], ['jumpbox', 'db']], ['internet'], 'db'],
        expected: [],
      },
    ],
    hiddenTests: [
      {
        args: [
          [['internet', 'lb'], ['lb', 'web1'], ['lb', 'web2'], ['web1', 'api'], ['web2', 'api'], ['api', 'db'], ['partner', 'sftp'], ['sftp', 'api']],
          ['internet', 'partner'],
          'db',
        ],
        expected: ['api'],
        description: 'two entry points converge',
      },
      { args: [[['a', 'b']], ['a'], 'z'], expected: [], description: 'target unreachable' },
      { args: [[['a', 'b'], ['b', 'c']], ['c'], 'c'], expected: [], description: 'target is an entry' },
      {
        args: [
          [
            ['phish', 'laptop'],
            ['laptop', 'vpn'],
            ['vpn', 'fileserver'],
            ['laptop', 'email'],
            ['email', 'sso'],
            ['sso', 'admin-console'],
            ['admin-console', 'fileserver'],
            ['fileserver', 'backups'],
          ],
          ['phish'],
          'backups',
        ],
        expected: ['fileserver', 'laptop'],
        description: 'parallel paths between two chokepoints',
      },
      { args: [[['x', 'm'], ['m', 'y'], ['m', 'm'], ['x', 'y2']], ['x'], 'y'], expected: ['m'], description: 'self-loop and a dead end' },
      {
        args: [[['e1', 'a'], ['a', 'b'], ['b', 'a'], ['b', 't'], ['e2', 'b']], ['e1', 'e2'], 't'],
        expected: ['b'],
        description: 'cycle before the chokepoint',
      },
    ],
    timeLimitSec: 1500,
  },
  {
    id: 'sec-exp-code-3',
    kind: 'coding',
    topic: 'web-security',
    difficulty: 5,
    archetypes: ['security-engineer'],
    depths: ['expert'],
    title: 'SSRF guard: block internal hosts in every notation',
    statement:
      'Write isBlockedHost(host) for an outbound HTTP client\'s SSRF guard. host is a URL\'s host as written (no scheme, port or path). Lower-case it and remove one trailing ".". Return true (blocked) when:\n1. it is "localhost" or ends with ".localhost";\n2. it contains ":": it is an IPv6 literal, optionally in brackets. If it is not a valid IPv6 address (eight groups of 1-4 hex digits, at most one "::" standing for one or more zero groups, and optionally a dotted IPv4 address without leading zeros as the last 32 bits), block it. Otherwise block :: , ::1, fc00::/7, fe80::/10, and IPv4-mapped addresses ::ffff:0:0/96 whose embedded IPv4 address is blocked by rule 3, in either notation (::ffff:127.0.0.1 or ::ffff:7f00:1);\n3. its last dot-separated label is numeric (decimal digits, or "0x" followed by hex digits): parse the whole host as IPv4 the way browsers do (WHATWG URL / inet_aton): 1 to 4 parts, each decimal, octal with a leading 0, or hex with 0x ("0x" alone is 0); all parts but the last are at most 255 and fill one byte each; the last part fills the remaining bytes ("127.1" is 127.0.0.1, "2130706433" is 127.0.0.1). If that fails, block (fail closed). Otherwise block addresses in 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12 and 192.168.0.0/16.\nAny other host is a DNS name: return false (it is checked again after resolution).',
    language: 'typescript',
    functionName: 'isBlockedHost',
    signature: 'function isBlockedHost(host: string): boolean',
    starterCode:
      'function isBlockedHost(host: string): boolean {\n  // TODO: handle every IPv4 and IPv6 notation, not just dotted quads\n  return host === "localhost" || host.startsWith("127.") || host.startsWith("10.");\n}\n',
    referenceSolution: `function isBlockedHost(input) {
  let host = input.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;

  const v4Blocked = (a) => {
    const ranges = [
      [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8],
      [0xa9fe0000, 16], [0xac100000, 12], [0xc0a80000, 16],
    ];
    return ranges.some(([base, bits]) => Math.floor(a / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
  };

  // One inet_aton component: decimal, 0-prefixed octal or 0x-prefixed hex ("0x" alone is 0); NaN if invalid.
  const component = (part) => {
    if (/^0x[0-9a-f]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    if (/^0[0-7]*$/.test(part)) return part.length > 1 ? parseInt(part.slice(1), 8) : 0;
    if (/^[1-9][0-9]*$/.test(part)) return Number(part);
    return NaN;
  };
  const parseV4 = (text) => {
    const nums = text.split('.').map(component);
    if (nums.length > 4 || nums.some((n) => Number.isNaN(n))) return null;
    const last = nums[nums.length - 1];
    const head = nums.slice(0, -1);
    if (head.some((n) => n > 255) || last >= 2 ** (8 * (5 - nums.length))) return null;
    return head.reduce((acc, n, i) => acc + n * 2 ** (8 * (3 - i)), last);
  };
  const groupsOf = (text) => {
    if (text === '') return [];
    const pieces = text.split(':');
    const out = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const m = /^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$/.exec(piece);
        if (m === null || m.slice(1).some((o) => Number(o) > 255 || (o.length > 1 && o[0] === '0'))) return null;
        out.push(Number(m[1]) * 256 + Number(m[2]), Number(m[3]) * 256 + Number(m[4]));
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const parseV6 = (text) => {
    const gap = text.indexOf('::');
    if (gap === -1) {
      const all = groupsOf(text);
      return all !== null && all.length === 8 ? all : null;
    }
    if (text.indexOf('::', gap + 1) !== -1) return null;
    const head = groupsOf(text.slice(0, gap));
    const tail = groupsOf(text.slice(gap + 2));
    if (head === null || tail === null || head.length + tail.length > 7) return null;
    return [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  };

  if (host.includes(':')) {
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    const g = parseV6(host);
    if (g === null) return true;
    const zeros = (from, to) => g.slice(from, to).every((x) => x === 0);
    if (zeros(0, 8)) return true;
    if (zeros(0, 7) && g[7] === 1) return true;
    if ((g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80) return true;
    if (zeros(0, 5) && g[5] === 0xffff) return v4Blocked(g[6] * 65536 + g[7]);
    return false;
  }
  const labels = host.split('.');
  if (/^(0x[0-9a-f]*|[0-9]+)$/.test(labels[labels.length - 1])) {
    const address = parseV4(host);
    return address === null ? true : v4Blocked(address);
  }
  return false;
}`,
    exampleTests: [
      { args: ['127.0.0.1'], expected: true },
      { args: ['example.com'], expected: false },
      { args: ['2130706433'], expected: true },
    ],
    hiddenTests: [
      { args: ['0x7f.1'], expected: true, description: 'hex and short form' },
      { args: ['0177.0.0.1'], expected: true, description: 'octal' },
      { args: ['127.1'], expected: true },
      { args: ['0x7f000001'], expected: true },
      { args: ['017700000001'], expected: true },
      { args: ['0xc0.0xa8.0x00.0x01'], expected: true },
      { args: ['3232235777'], expected: true, description: '192.168.1.1 as one number' },
      { args: ['169.254.169.254'], expected: true, description: 'cloud metadata' },
      { args: ['172.15.0.1'], expected: false },
      { args: ['172.16.0.1'], expected: true },
      { args: ['172.31.255.255'], expected: true },
      { args: ['172.32.0.1'], expected: false },
      { args: ['100.64.0.1'], expected: true },
      { args: ['100.128.0.1'], expected: false },
      { args: ['192.169.0.1'], expected: false },
      { args: ['8.8.8.8'], expected: false },
      { args: ['0'], expected: true, description: '0.0.0.0' },
      { args: ['4294967295'], expected: false, description: '255.255.255.255 is not in a blocked range' },
      { args: ['4294967296'], expected: true, description: 'too large: fail closed' },
      { args: ['256.1.1.1'], expected: true, description: 'invalid: fail closed' },
      { args: ['1.2.3.4.5'], expected: true, description: 'five parts: fail closed' },
      { args: ['08.0.0.1'], expected: true, description: 'invalid octal: fail closed' },
      { args: ['1.2.3.0x'], expected: false, description: '"0x" alone is zero' },
      { args: ['example.0x7f'], expected: true, description: 'numeric last label that is not an address' },
      { args: ['1e100.net'], expected: false, description: 'a DNS name' },
      { args: ['LOCALHOST.'], expected: true, description: 'case and trailing dot' },
      { args: ['api.localhost'], expected: true },
      { args: ['localhost.example.com'], expected: false },
      { args: ['127.0.0.1.'], expected: true },
      { args: ['[::1]'], expected: true },
      { args: ['0:0:0:0:0:0:0:1'], expected: true },
      { args: ['::'], expected: true },
      { args: ['::ffff:127.0.0.1'], expected: true },
      { args: ['::ffff:7f00:1'], expected: true, description: 'mapped address in hex' },
      { args: ['[::ffff:8.8.8.8]'], expected: false },
      { args: ['::ffff:a9fe:a9fe'], expected: true, description: 'mapped metadata address' },
      { args: ['fd12:3456::1'], expected: true },
      { args: ['fc00::'], expected: true },
      { args: ['fbff::1'], expected: false },
      { args: ['fe80::1'], expected: true },
      { args: ['febf::1'], expected: true },
      { args: ['2606:4700::1111'], expected: false },
      { args: ['[2001:db8::1]'], expected: false },
      { args: [':::1'], expected: true, description: 'invalid IPv6: fail closed' },
      { args: ['1::2::3'], expected: true, description: 'two "::": fail closed' },
      { args: ['1:2:3:4:5:6:7:8:9'], expected: true, description: 'nine groups: fail closed' },
      { args: ['::ffff:127.000.0.1'], expected: true, description: 'leading zeros in embedded IPv4: fail closed' },
    ],
    timeLimitSec: 1800,
  },
];
