import type { BankItem } from '../bank-item';

/** Security engineer, advanced depth: protocol internals, attack mechanics and the trade-offs of defences. */
export const SECURITY_ENGINEER_ADVANCED: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'sec-adv-spk-01',
    kind: 'spoken',
    topic: 'identity-access',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Walk me through the OAuth 2.0 authorization code flow with PKCE for a single-page or mobile app. What does PKCE protect against, and why is the implicit flow no longer recommended?',
    referenceAnswer:
      'The client generates a random code verifier and sends its SHA-256 hash, the code challenge, with the authorization request, along with a state value to bind the response to the session. The user authenticates at the authorization server and consents; the server redirects back with a short-lived, single-use authorization code. The client exchanges the code at the token endpoint together with the original code verifier, and the server checks that it hashes to the challenge before issuing tokens. PKCE prevents an attacker who intercepts the code, for example through a malicious app registered for the same redirect scheme or a leaked log, from redeeming it, because they do not have the verifier. The implicit flow returned access tokens directly in the URL fragment, where they leak through history, referrers and injection, and could not be bound to the client, so current best practice uses code with PKCE for all clients.',
    keyConcepts: ['code verifier', 'code challenge', 'authorization code', 'token endpoint', 'intercepted', 'implicit flow'],
  },
  {
    id: 'sec-adv-spk-02',
    kind: 'spoken',
    topic: 'identity-access',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What are the common security pitfalls when a service validates JSON Web Tokens?',
    referenceAnswer:
      'Accepting the algorithm from the token header: the "none" algorithm must be rejected, and an RS256 service that lets the header choose HS256 can be tricked into verifying an HMAC made with its own public key as the secret, so the expected algorithm must be pinned per key. Skipping claim checks: the signature alone is not enough, you must validate issuer, audience, expiry and not-before, otherwise a token minted for another service is accepted. Trusting header parameters such as kid, jku or x5u to fetch keys from attacker-controlled places, or using kid unsanitised in a file path or query. Weak HMAC secrets that can be brute-forced offline. And revocation: a stateless JWT stays valid until it expires, so access tokens should be short-lived, with refresh tokens that can be revoked. Also remember a JWT is signed, not encrypted, so its payload is readable.',
    keyConcepts: ['alg none', 'algorithm confusion', 'audience', 'expiry', 'revocation', 'not encrypted'],
  },
  {
    id: 'sec-adv-spk-03',
    kind: 'spoken',
    topic: 'web-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'How does a Content Security Policy mitigate XSS, and what makes a CSP strong rather than decorative?',
    referenceAnswer:
      'A CSP tells the browser which sources of script and other content are allowed to run, so even if an attacker injects markup, the browser refuses to execute scripts that the policy does not permit. Allowlists of hosts are weak in practice, because allowed domains often host JSONP endpoints or script gadgets, and adding unsafe-inline negates the protection against injected inline scripts. A strong policy is nonce-based or hash-based: every legitimate script carries a fresh random nonce generated per response, or matches a hash, with strict-dynamic so trusted scripts can load their dependencies, plus object-src none and base-uri none to close other injection paths. Roll it out in report-only mode first and watch violation reports. CSP is defence in depth; output encoding is still the primary fix, and Trusted Types can lock down DOM sinks.',
    keyConcepts: ['allowed sources', 'unsafe-inline', 'nonce', 'strict-dynamic', 'report-only', 'defence in depth'],
  },
  {
    id: 'sec-adv-spk-04',
    kind: 'spoken',
    topic: 'web-security',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Explain server-side request forgery. Why is it especially dangerous in the cloud, and how do you defend against it?',
    referenceAnswer:
      'SSRF is when an attacker makes the server send requests to a destination of the attacker\'s choosing, for example through a URL preview, webhook or image import feature. The request comes from inside the network, so it can reach internal services, admin panels and databases that are not exposed publicly. In the cloud the classic target is the instance metadata service at 169.254.169.254, which can hand out temporary credentials for the instance role, as in the Capital One breach. Defences: validate destinations against an allowlist where possible; resolve the hostname and block private, loopback and link-local ranges, checking the address actually connected to so DNS rebinding and redirects cannot bypass the check; disable redirects or re-validate each hop; send outbound requests through an egress proxy; require IMDSv2, which needs a session token obtained with a PUT request; and give the instance role minimal permissions.',
    keyConcepts: ['internal services', 'metadata service', 'credentials', 'allowlist', 'DNS rebinding', 'IMDSv2'],
  },
  {
    id: 'sec-adv-spk-05',
    kind: 'spoken',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Why do we prefer authenticated encryption such as AES-GCM over AES-CBC, and what is the most dangerous mistake when using GCM?',
    referenceAnswer:
      'CBC on its own gives confidentiality but no integrity: an attacker can flip bits in predictable ways, and if the application reveals whether padding was valid, a padding oracle attack decrypts ciphertexts without the key. Correct CBC needs a separate MAC in encrypt-then-MAC order, which is easy to get wrong. AEAD modes like AES-GCM or ChaCha20-Poly1305 encrypt and authenticate in one step, also covering associated data such as headers, and decryption fails if anything was modified. The critical rule for GCM is never reuse a nonce with the same key: reuse leaks the XOR of the two plaintexts and lets the attacker recover the authentication key and forge messages. With random 96-bit nonces you must rotate keys long before about 2 to the 32 messages, or use counters, or a nonce-misuse-resistant mode such as AES-GCM-SIV.',
    keyConcepts: ['integrity', 'padding oracle', 'authenticated encryption', 'nonce reuse', 'forge', 'rotate keys'],
  },
  {
    id: 'sec-adv-spk-06',
    kind: 'spoken',
    topic: 'cryptography',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'How would you design encryption key management for sensitive data stored by a cloud application?',
    referenceAnswer:
      'Use envelope encryption: each object or record is encrypted with a data key, and the data key is itself encrypted by a key-encryption key that never leaves a KMS or HSM. The application asks the KMS to generate or unwrap data keys, so the master key is never in application memory and every use is authorised by IAM policy and logged. Rotation of the master key only requires re-wrapping data keys, not re-encrypting all data, and old key versions remain for decryption. Separate keys by tenant, environment and data class to limit blast radius and enable crypto-shredding, deleting a key to make data unrecoverable. Restrict who can administer versus use keys, enable deletion protection with a waiting period, and back up or replicate keys across regions according to recovery needs.',
    keyConcepts: ['envelope encryption', 'data key', 'KMS', 'rotation', 'audit', 'crypto-shredding'],
  },
  {
    id: 'sec-adv-spk-07',
    kind: 'spoken',
    topic: 'threat-modeling',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'A team is building a feature that lets users upload documents that are converted to PDF and shared by link. Run a quick threat model out loud.',
    referenceAnswer:
      'Model the flow: browser uploads to the API, files go to object storage, a conversion worker processes them, and a share service serves links; trust boundaries are the internet to API, API to storage, and the worker handling untrusted files. Then walk STRIDE. Spoofing and elevation: share links must be unguessable, long random tokens, with expiry and revocation, and authorization checks on every access, not sequential ids. Tampering and malicious content: converters such as LibreOffice or ImageMagick parse complex formats, so run them sandboxed with no network access, resource limits and a patched image; validate type by content, not extension, and scan for malware. Information disclosure: private buckets, signed URLs, no metadata leakage, encryption at rest. Denial of service: size limits, page limits, zip bomb protection, rate limits and queues. Repudiation: audit logs of uploads and shares. Finally prioritise by risk and turn mitigations into tracked work.',
    keyConcepts: ['trust boundaries', 'STRIDE', 'unguessable links', 'sandbox', 'size limits', 'audit logs'],
  },
  {
    id: 'sec-adv-spk-08',
    kind: 'spoken',
    topic: 'secure-coding',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What are insecure deserialization and prototype pollution, and how do you prevent them?',
    referenceAnswer:
      'Insecure deserialization happens when an application reconstructs objects from untrusted data with a format that can instantiate arbitrary types, such as Java native serialization, Python pickle or some YAML loaders; gadget chains in the classpath run code during deserialization, often leading to remote code execution. Prevent it by never deserializing untrusted data with such formats: use data-only formats like JSON with schema validation, safe loaders, or strict type allowlists and integrity protection. Prototype pollution is JavaScript specific: a recursive merge, clone or path-setting function copies attacker-controlled keys such as __proto__ or constructor.prototype, which modifies Object.prototype for the whole process, enabling denial of service, logic bypasses or code execution through gadgets. Prevent it by rejecting those keys, using Object.create(null) or Map for dictionaries, schema validation, and freezing the prototype where feasible.',
    keyConcepts: ['untrusted data', 'gadget chains', 'remote code execution', 'prototype pollution', 'recursive merge', 'schema validation'],
  },
  {
    id: 'sec-adv-spk-09',
    kind: 'spoken',
    topic: 'network-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What is zero trust networking, and how does it differ from a traditional perimeter with a VPN?',
    referenceAnswer:
      'The perimeter model trusts anything inside the network: once on the VPN or the office LAN, a device can reach many internal systems, so one phished laptop or compromised server gives broad lateral movement. Zero trust assumes the network is hostile and grants no trust based on location. Every request to every resource is authenticated and authorised based on the user\'s identity, the device\'s identity and posture, and context, with least-privilege access per application rather than per network. In practice this means an identity-aware proxy or access broker in front of internal apps, strong phishing-resistant MFA, device certificates and management, mutual TLS and service identities between workloads, micro-segmentation, and continuous evaluation and logging of access decisions.',
    keyConcepts: ['perimeter', 'lateral movement', 'never trust', 'identity', 'device posture', 'least privilege'],
  },
  {
    id: 'sec-adv-spk-10',
    kind: 'spoken',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'How do you build detections that catch real attacks without drowning the security team in false positives?',
    referenceAnswer:
      'Start from threats relevant to your environment, mapped to MITRE ATT&CK techniques, and from the log sources you actually have. Prefer behaviour-based detections over brittle indicators: for example a new access key used from an unusual country followed by IAM changes, rather than a list of bad IPs. Write each detection as code with a description, a severity, test cases and a response playbook, and test it by simulating the technique, for example with Atomic Red Team. Tune with context: allowlist known automation, use baselines and enrich alerts with asset and user information so triage is fast. Measure precision, alert volume and time to triage per rule, retire or fix noisy ones, and use purple-team exercises to find coverage gaps. High-fidelity signals such as canary tokens complement broad detections.',
    keyConcepts: ['MITRE', 'behaviour-based', 'detection as code', 'tuning', 'false positives', 'coverage'],
  },
  {
    id: 'sec-adv-spk-11',
    kind: 'spoken',
    topic: 'secure-coding',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Describe the main software supply chain attacks on package ecosystems and the controls that address them.',
    referenceAnswer:
      'Typosquatting publishes malicious packages with names close to popular ones. Dependency confusion publishes a public package with the same name as an internal one and a higher version, so build tools pick the public one. Account takeover or a malicious maintainer pushes a compromised release of a legitimate package, and install scripts run code on developer machines and CI. Build systems themselves can be compromised, as with SolarWinds. Controls: lockfiles with integrity hashes and reproducible installs; scoped or namespaced private packages and registry configuration that never falls back to the public registry for internal names; a vetted internal proxy; restricting install scripts; reviewing new dependencies and updates; an SBOM to know what is deployed; signed artifacts and build provenance, for example with Sigstore and SLSA, verified before deployment; and least-privilege, ephemeral CI runners.',
    keyConcepts: ['typosquatting', 'dependency confusion', 'install scripts', 'lockfile', 'provenance', 'signed'],
  },
  {
    id: 'sec-adv-spk-12',
    kind: 'spoken',
    topic: 'identity-access',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What makes cookie-based session management secure? Cover the session lifecycle from login to logout.',
    referenceAnswer:
      'Session identifiers must be long random values from a cryptographically secure generator, stored server-side or as signed and possibly encrypted tokens. At login, issue a new session id to prevent session fixation, and again when privileges change. The cookie should be Secure, HttpOnly, SameSite Lax or Strict, scoped with the __Host- prefix where possible. Enforce both an idle timeout and an absolute lifetime, and require re-authentication for sensitive actions. Logout must invalidate the session on the server, not just delete the cookie. Support revoking all sessions, for example after a password change, and let users see active sessions. Monitor for anomalies such as the same session used from different countries.',
    keyConcepts: ['random', 'session fixation', 'regenerate', 'HttpOnly', 'idle timeout', 'invalidate on server'],
  },
  {
    id: 'sec-adv-spk-13',
    kind: 'spoken',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'How should a CI/CD pipeline authenticate to a cloud account to deploy, and how do you protect the pipeline itself?',
    referenceAnswer:
      'Avoid long-lived cloud access keys stored as CI secrets. Use workload identity federation: the CI system issues a signed OIDC token for each job, and the cloud trusts that issuer and exchanges the token for short-lived credentials for a role whose trust policy restricts which repository, branch or environment may assume it. Give each pipeline role the least privilege it needs, separate build from deploy, and require protected branches, reviews and environment approvals for production. Protect the pipeline: pin third-party actions or plugins to commit hashes, do not expose secrets to workflows triggered by forks or untrusted pull requests, use ephemeral isolated runners, mask secrets in logs, and audit pipeline changes, because whoever controls the pipeline controls production.',
    keyConcepts: ['long-lived keys', 'OIDC', 'short-lived credentials', 'trust policy', 'least privilege', 'pin actions'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'sec-adv-mcq-01',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'In the OAuth 2.0 authorization code flow, what does PKCE protect against?',
    options: [
      'Phishing of the user\'s password',
      'An intercepted authorization code being redeemed by an attacker',
      'Cross-site scripting in the client',
      'Token theft from the resource server\'s database by an attacker with SQL access',
    ],
    correctIndex: 1,
    explanation: 'Only the client that created the code_verifier can complete the token exchange, so a stolen code is useless.',
  },
  {
    id: 'sec-adv-mcq-02',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'A service verifies RS256 JWTs but passes the algorithm from the token header to its library. What attack does this enable?',
    options: [
      'Algorithm confusion: the attacker signs an HS256 token using the service\'s public key as the HMAC secret, and it verifies',
      'A padding oracle attack on the signature',
      'A timing attack that reveals the private key',
      'Replay of expired tokens only',
    ],
    correctIndex: 0,
    explanation: 'The public key is public; treating it as an HMAC secret lets anyone mint tokens. Pin the expected algorithm per key and reject "none".',
  },
  {
    id: 'sec-adv-mcq-03',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What is the standard way to limit the risk that a stateless JWT access token cannot be revoked?',
    options: [
      'Encrypt the token with AES',
      'Store the token in localStorage',
      'Short-lived access tokens plus revocable refresh tokens',
      'Put the user\'s password hash inside the token so a password change invalidates it',
    ],
    correctIndex: 2,
    explanation: 'Short lifetimes bound the exposure window; revocation is enforced when the refresh token is used.',
  },
  {
    id: 'sec-adv-mcq-04',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'A page is served with "Content-Security-Policy: script-src \'nonce-r4nd0m\' \'strict-dynamic\'". Which script runs?',
    options: [
      'Any inline script injected by an attacker',
      'Any script loaded from the same origin as the page, with or without a nonce',
      'Scripts loaded from any HTTPS host',
      'Scripts with nonce="r4nd0m", and scripts those load dynamically',
    ],
    correctIndex: 3,
    explanation: 'Only nonce-bearing scripts are trusted; strict-dynamic propagates trust to scripts they create. The nonce must be unpredictable and fresh per response.',
  },
  {
    id: 'sec-adv-mcq-05',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'How does AWS IMDSv2 make SSRF attacks on instance metadata harder?',
    options: [
      'It encrypts the metadata with the instance key',
      'It requires a session token obtained with a PUT request and sent in a header, which typical SSRF cannot do, and a low response hop limit keeps the token from being forwarded',
      'It moves the metadata service to a public IP',
      'It removes credentials from the metadata service entirely',
    ],
    correctIndex: 1,
    explanation: 'Most SSRF primitives only issue GET requests without custom headers. Still combine with egress controls and least-privilege roles.',
  },
  {
    id: 'sec-adv-mcq-06',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'React escapes text content by default. Which pattern is still an XSS risk in a React app?',
    options: [
      'Rendering {user.name} inside a <p>',
      'Passing user input as a prop to a component that renders it as text',
      'Rendering a user-supplied URL in <a href={url}> without checking the scheme, or using dangerouslySetInnerHTML with user HTML',
      'Using useState to store user input',
    ],
    correctIndex: 2,
    explanation: 'javascript: URLs in href and raw HTML bypass React\'s text escaping. Validate schemes (allow http/https) and sanitise HTML.',
  },
  {
    id: 'sec-adv-mcq-07',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What happens if the same AES-GCM key and nonce are used to encrypt two different messages?',
    options: [
      'The plaintexts\' XOR leaks and the authentication key can be recovered',
      'Nothing, as long as the messages differ',
      'Decryption fails for the second message',
      'Only the message lengths are revealed, because GCM authenticates each message',
    ],
    correctIndex: 0,
    explanation: 'GCM is counter mode plus GHASH; nonce reuse repeats the keystream and exposes the GHASH key. Use unique nonces or a misuse-resistant mode (GCM-SIV).',
  },
  {
    id: 'sec-adv-mcq-08',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 4,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Which setup is vulnerable to a padding oracle attack?',
    options: [
      'AES-GCM with random 96-bit nonces and a separate HMAC over the ciphertext',
      'RSA-PSS signatures',
      'HMAC-SHA256 over JSON',
      'AES-CBC without a MAC, where padding errors are distinguishable',
    ],
    correctIndex: 3,
    explanation: 'The distinguishable error lets an attacker decrypt byte by byte. Authenticate ciphertexts (encrypt-then-MAC or AEAD) before any padding check.',
  },
  {
    id: 'sec-adv-mcq-09',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'With envelope encryption, what has to happen when the KMS master key (key-encryption key) is rotated?',
    options: [
      'All stored data must be decrypted and re-encrypted under the new master key immediately',
      'Nothing can be decrypted any more',
      'Only data keys are re-wrapped; old key versions still decrypt',
      'The application must generate a new password hash for each user',
    ],
    correctIndex: 2,
    explanation: 'Data is encrypted with data keys; the master key only wraps them. That makes rotation cheap and keeps the master key inside the KMS.',
  },
  {
    id: 'sec-adv-mcq-10',
    kind: 'mcq',
    topic: 'cryptography',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'A webhook handler checks signatures with "if (computedHmac === receivedHmac)". What is the weakness?',
    options: [
      'HMAC cannot be compared as strings',
      'An early-exit comparison leaks timing that helps forge a signature',
      'Strict equality converts both hex strings to numbers, losing precision on long values',
      'There is no weakness',
    ],
    correctIndex: 1,
    explanation: 'Use a constant-time comparison (e.g. crypto.timingSafeEqual on equal-length buffers) for MACs and tokens.',
  },
  {
    id: 'sec-adv-mcq-11',
    kind: 'mcq',
    topic: 'threat-modeling',
    difficulty: 2,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'In a data flow diagram for threat modeling, what is a trust boundary?',
    options: [
      'The edge of the company\'s office network only',
      'A line around components written in the same language',
      'The boundary of a database table',
      'A place where data or control passes between components with different levels of trust or privilege, where validation and authentication are needed',
    ],
    correctIndex: 3,
    explanation: 'Threats concentrate where trust changes: internet to API, tenant to shared service, user process to kernel. Each crossing needs controls.',
  },
  {
    id: 'sec-adv-mcq-12',
    kind: 'mcq',
    topic: 'threat-modeling',
    difficulty: 2,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What is the most valuable output of a threat modeling session?',
    options: [
      'Prioritised threats with agreed mitigations, owners and tracking',
      'A diagram stored in a wiki',
      'A CVSS score for the whole application',
      'A complete list of every possible attack against the system, in no particular order',
    ],
    correctIndex: 0,
    explanation: 'Threat modeling pays off only when risks are ranked and mitigations become tracked work; the diagram is a means, not the goal.',
  },
  {
    id: 'sec-adv-mcq-13',
    kind: 'mcq',
    topic: 'secure-coding',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'A Node.js API deep-merges request JSON into a defaults object. An attacker sends {"__proto__": {"isAdmin": true}}. What can happen?',
    options: [
      'JSON.parse throws, so nothing happens',
      'Only the merged defaults object gets an isAdmin property, which is harmless',
      'Object.prototype is modified, so every object appears to have isAdmin',
      'The request is rejected by HTTP parsing',
    ],
    correctIndex: 2,
    explanation: 'JSON.parse creates an own "__proto__" key; a naive recursive merge then assigns through target.__proto__. Reject such keys or use null-prototype objects and schemas.',
  },
  {
    id: 'sec-adv-mcq-14',
    kind: 'mcq',
    topic: 'secure-coding',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Why is calling pickle.loads() on data received from clients dangerous in Python?',
    options: [
      'Unpickling can run arbitrary code chosen by the sender',
      'It is slow for large objects, so a client can exhaust the server\'s CPU',
      'It does not support Unicode',
      'It leaks memory',
    ],
    correctIndex: 0,
    explanation: 'Pickle can invoke arbitrary callables via __reduce__. Use data-only formats such as JSON with validation for untrusted input.',
  },
  {
    id: 'sec-adv-mcq-15',
    kind: 'mcq',
    topic: 'secure-coding',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Your builds use an internal package "acme-utils" from a private registry, and npm is also configured with the public registry. An attacker publishes "acme-utils" version 99.0.0 publicly. What is this attack, and the fix?',
    options: [
      'Typosquatting; rename the package',
      'Dependency confusion; use a scoped name (@acme/utils) mapped to the private registry, or a proxy that never resolves internal names publicly, plus lockfiles',
      'Cache poisoning; clear the npm cache',
      'Man-in-the-middle; enable HTTPS',
    ],
    correctIndex: 1,
    explanation: 'Resolvers may prefer the higher public version. Scopes bound to a registry and pinned lockfiles prevent the substitution.',
  },
  {
    id: 'sec-adv-mcq-16',
    kind: 'mcq',
    topic: 'network-security',
    difficulty: 2,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Which statement captures the core principle of zero trust architecture?',
    options: [
      'Everything inside the corporate network is trusted once the device has passed the VPN',
      'All traffic must go through a VPN',
      'Firewalls are no longer needed',
      'No trust from network location; verify identity on every request',
    ],
    correctIndex: 3,
    explanation: 'Zero trust moves access decisions from the network perimeter to per-request, identity-based policy (NIST SP 800-207).',
  },
  {
    id: 'sec-adv-mcq-17',
    kind: 'mcq',
    topic: 'network-security',
    difficulty: 2,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What does mutual TLS (mTLS) add over ordinary server-authenticated TLS?',
    options: [
      'The client also presents a certificate, so both ends authenticate',
      'Traffic is encrypted twice',
      'It removes the need for certificate authorities by pinning keys on both sides',
      'It hides the server name from observers',
    ],
    correctIndex: 0,
    explanation: 'mTLS gives each workload a cryptographic identity, used for service-to-service authentication and authorisation in meshes.',
  },
  {
    id: 'sec-adv-mcq-18',
    kind: 'mcq',
    topic: 'security-operations',
    difficulty: 2,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What is MITRE ATT&CK mainly used for by security operations teams?',
    options: [
      'Scoring the severity of individual CVEs so that patching can be prioritised',
      'Encrypting threat intelligence',
      'A catalogue of adversary tactics and techniques for mapping detections',
      'Certifying products as secure',
    ],
    correctIndex: 2,
    explanation: 'ATT&CK describes what attackers do after initial access and before; CVSS scores vulnerabilities.',
  },
  {
    id: 'sec-adv-mcq-19',
    kind: 'mcq',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'What is the recommended way for a GitHub Actions workflow to deploy to AWS?',
    options: [
      'Store an IAM user\'s access key as an encrypted repository secret and rotate it yearly',
      'OIDC federation for short-lived role credentials scoped to the repository',
      'Commit the credentials to a private repository',
      'Use the AWS root account with MFA disabled for automation',
    ],
    correctIndex: 1,
    explanation: 'Federation removes long-lived secrets; the trust policy\'s sub-claim condition limits which workflows can assume the role.',
  },
  {
    id: 'sec-adv-mcq-20',
    kind: 'mcq',
    topic: 'identity-access',
    difficulty: 2,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Which measure defends against session fixation?',
    options: [
      'Setting a long session lifetime',
      'Storing sessions server-side in a database instead of in signed cookies',
      'Logging session ids',
      'Issuing a new session id at login',
    ],
    correctIndex: 3,
    explanation: 'In fixation the attacker plants a known session id before login; regenerating it at authentication makes the planted id worthless.',
  },
  {
    id: 'sec-adv-mcq-21',
    kind: 'mcq',
    topic: 'web-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    prompt: 'Session cookies use SameSite=Lax. Which request can still be forged cross-site?',
    options: [
      'A cross-site form POST to /transfer',
      'A cross-site fetch() with credentials: \'include\' to /api/profile',
      'A top-level GET navigation to a state-changing URL',
      'An <img> request to /logout',
    ],
    correctIndex: 2,
    explanation: 'Lax still sends cookies on top-level GET navigations. State changes must never happen on GET; keep CSRF tokens for sensitive actions.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'sec-adv-code-1',
    kind: 'coding',
    topic: 'security-operations',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    title: 'Detect brute-force login attempts',
    statement:
      'Write detectBruteForce(events, threshold, windowSec). events are login attempts { t, ip, user, success } sorted by t (seconds, non-decreasing). An IP is flagged at the first failed attempt at time t for which that IP has at least threshold failed attempts with times in the window (t - windowSec, t] (a failure exactly windowSec seconds older no longer counts). Successful logins do not reset the count, because attackers interleave them. Each IP is reported once. Return [{ ip, at }] sorted by at, then by ip (default string order).',
    language: 'typescript',
    functionName: 'detectBruteForce',
    signature:
      'function detectBruteForce(events: { t: number; ip: string; user: string; success: boolean }[], threshold: number, windowSec: number): { ip: string; at: number }[]',
    starterCode:
      'interface LoginEvent {\n  t: number;\n  ip: string;\n  user: string;\n  success: boolean;\n}\n\nfunction detectBruteForce(events: LoginEvent[], threshold: number, windowSec: number): { ip: string; at: number }[] {\n  // TODO\n  return [];\n}\n',
    referenceSolution: `function detectBruteForce(events, threshold, windowSec) {
  const failures = new Map();
  const flagged = new Set();
  const alerts = [];
  for (const e of events) {
    if (e.success || flagged.has(e.ip)) continue;
    const times = failures.get(e.ip) || [];
    times.push(e.t);
    while (times.length > 0 && times[0] <= e.t - windowSec) times.shift();
    failures.set(e.ip, times);
    if (times.length >= threshold) {
      flagged.add(e.ip);
      alerts.push({ ip: e.ip, at: e.t });
    }
  }
  return alerts.sort((a, b) => a.at - b.at || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}`,
    exampleTests: [
      {
        args: [
          [
            { t: 0, ip: '1.1.1.1', user: 'u', success: false },
            { t: 10, ip: '1.1.1.1', user: 'u', success: false },
            { t: 20, ip: '1.1.1.1', user: 'u', success: false },
            { t: 25, ip: '2.2.2.2', user: 'u', success: false },
          ],
          3,
          60,
        ],
        expected: [{ ip: '1.1.1.1', at: 20 }],
      },
    ],
    hiddenTests: [
      {
        args: [
          [
            { t: 0, ip: '1.1.1.1', user: 'u', success: false },
            { t: 30, ip: '1.1.1.1', user: 'u', success: false },
            { t: 60, ip: '1.1.1.1', user: 'u', success: false },
            { t: 61, ip: '1.1.1.1', user: 'u', success: false },
          ],
          3,
          60,
        ],
        expected: [{ ip: '1.1.1.1', at: 61 }],
        description: 'a failure exactly windowSec old has left the window',
      },
      {
        args: [
          [
            { t: 0, ip: 'a', user: 'u1', success: false },
            { t: 1, ip: 'a', user: 'u1', success: true },
            { t: 2, ip: 'a', user: 'u2', success: false },
            { t: 3, ip: 'a', user: 'u3', success: false },
            { t: 3, ip: 'b', user: 'u1', success: false },
            { t: 4, ip: 'b', user: 'u1', success: false },
            { t: 5, ip: 'b', user: 'u1', success: false },
            { t: 6, ip: 'a', user: 'u4', success: false },
          ],
          3,
          10,
        ],
        expected: [{ ip: 'a', at: 3 }, { ip: 'b', at: 5 }],
        description: 'successes do not reset; each IP reported once',
      },
      { args: [[], 5, 60], expected: [], description: 'no events' },
      {
        args: [[{ t: 5, ip: 'z', user: 'u', success: false }, { t: 5, ip: 'y', user: 'u', success: false }], 1, 1],
        expected: [{ ip: 'y', at: 5 }, { ip: 'z', at: 5 }],
        description: 'ties sorted by ip',
      },
      {
        args: [
          [
            { t: 0, ip: 'a', user: 'u', success: false },
            { t: 0, ip: 'a', user: 'u', success: false },
            { t: 100, ip: 'a', user: 'u', success: false },
            { t: 101, ip: 'a', user: 'u', success: false },
          ],
          2,
          1,
        ],
        expected: [{ ip: 'a', at: 0 }],
        description: 'simultaneous failures',
      },
      {
        args: [
          [
            { t: 0, ip: 'c', user: 'u', success: false },
            { t: 50, ip: 'c', user: 'u', success: false },
            { t: 100, ip: 'c', user: 'u', success: false },
            { t: 150, ip: 'c', user: 'u', success: true },
          ],
          2,
          50,
        ],
        expected: [],
        description: 'failures spread too thinly',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'sec-adv-code-2',
    kind: 'coding',
    topic: 'identity-access',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    title: 'Evaluate an IAM-style policy',
    statement:
      'Write evaluatePolicy(policies, request). Each policy is { effect: "allow" | "deny", actions, resources }, where actions and resources are patterns in which "*" matches any run of characters (including none) and "?" matches exactly one character; every other character matches itself literally. Action matching is case-insensitive; resource matching is case-sensitive. A policy applies to a request { action, resource } when at least one of its action patterns matches the action and at least one of its resource patterns matches the resource. Return "explicit-deny" if any applicable policy denies, otherwise "allow" if any applicable policy allows, otherwise "implicit-deny".',
    language: 'typescript',
    functionName: 'evaluatePolicy',
    signature:
      'function evaluatePolicy(policies: { effect: "allow" | "deny"; actions: string[]; resources: string[] }[], request: { action: string; resource: string }): "allow" | "explicit-deny" | "implicit-deny"',
    starterCode:
      'interface Policy {\n  effect: "allow" | "deny";\n  actions: string[];\n  resources: string[];\n}\n\nfunction evaluatePolicy(policies: Policy[], request: { action: string; resource: string }): "allow" | "explicit-deny" | "implicit-deny" {\n  // TODO\n  return "implicit-deny";\n}\n',
    referenceSolution: `function evaluatePolicy(policies, request) {
  const compile = (pattern, flags) =>
    new RegExp(
      '^' +
        [...pattern]
          .map((c) => (c === '*' ? '[\\\\s\\\\S]*' : c === '?' ? '[\\\\s\\\\S]' : c.replace(/[.*+?^\${}()|[\\]\\\\/]/g, '\\\\$&')))
          .join('') +
        '$',
      flags,
    );
  const applies = (p) =>
    p.actions.some((a) => compile(a, 'i').test(request.action)) && p.resources.some((r) => compile(r, '').test(request.resource));
  const matching = policies.filter(applies);
  if (matching.some((p) => p.effect === 'deny')) return 'explicit-deny';
  if (matching.some((p) => p.effect === 'allow')) return 'allow';
  return 'implicit-deny';
}`,
    exampleTests: [
      {
        args: [[{ effect: 'allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }], { action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q1.pdf' }],
        expected: 'allow',
      },
      {
        args: [
          [
            { effect: 'allow', actions: ['s3:*'], resources: ['*'] },
            { effect: 'deny', actions: ['s3:Delete*'], resources: ['arn:aws:s3:::reports/*'] },
          ],
          { action: 's3:DeleteObject', resource: 'arn:aws:s3:::reports/q1.pdf' },
        ],
        expected: 'explicit-deny',
      },
    ],
    hiddenTests: [
      {
        args: [
          [
            { effect: 'allow', actions: ['s3:*'], resources: ['*'] },
            { effect: 'deny', actions: ['s3:Delete*'], resources: ['arn:aws:s3:::reports/*'] },
          ],
          { action: 's3:DeleteObject', resource: 'arn:aws:s3:::other/q1.pdf' },
        ],
        expected: 'allow',
        description: 'deny does not apply to other resources',
      },
      {
        args: [[{ effect: 'allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }], { action: 's3:PutObject', resource: 'arn:aws:s3:::reports/q1.pdf' }],
        expected: 'implicit-deny',
      },
      {
        args: [[{ effect: 'allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }], { action: 'S3:getobject', resource: 'arn:aws:s3:::reports/q1.pdf' }],
        expected: 'allow',
        description: 'actions are case-insensitive',
      },
      {
        args: [[{ effect: 'allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }], { action: 's3:GetObject', resource: 'arn:aws:s3:::Reports/q1.pdf' }],
        expected: 'implicit-deny',
        description: 'resources are case-sensitive',
      },
      {
        args: [[{ effect: 'allow', actions: ['logs:Get?'], resources: ['arn:aws:s3:::logs-202?/*'] }], { action: 'logs:GetX', resource: 'arn:aws:s3:::logs-2024/app.log' }],
        expected: 'allow',
        description: 'question mark matches one character',
      },
      {
        args: [[{ effect: 'allow', actions: ['logs:Get?'], resources: ['arn:aws:s3:::logs-202?/*'] }], { action: 'logs:GetXY', resource: 'arn:aws:s3:::logs-2024/app.log' }],
        expected: 'implicit-deny',
      },
      {
        args: [[{ effect: 'allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::my.bucket/*'] }], { action: 's3:GetObject', resource: 'arn:aws:s3:::myxbucket/a' }],
        expected: 'implicit-deny',
        description: 'a dot in a pattern is literal',
      },
      {
        args: [[{ effect: 'allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::my.bucket/*'] }], { action: 's3:GetObject', resource: 'arn:aws:s3:::my.bucket/file+1 (final).txt' }],
        expected: 'allow',
        description: 'regex metacharacters in the resource',
      },
      {
        args: [[{ effect: 'allow', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::bucket/*'] }], { action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket/' }],
        expected: 'allow',
        description: 'star matches the empty string',
      },
      { args: [[], { action: 's3:GetObject', resource: 'x' }], expected: 'implicit-deny', description: 'no policies' },
      {
        args: [[{ effect: 'deny', actions: ['iam:*'], resources: ['*'] }], { action: 'iam:CreateUser', resource: 'arn:aws:iam::123:user/eve' }],
        expected: 'explicit-deny',
      },
      {
        args: [
          [{ effect: 'allow', actions: ['ec2:Describe*', 'ec2:StartInstances'], resources: ['arn:aws:ec2:*:123:instance/i-0ab*'] }],
          { action: 'ec2:StartInstances', resource: 'arn:aws:ec2:eu-west-1:123:instance/i-0abc' },
        ],
        expected: 'allow',
        description: 'several patterns and several stars',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'sec-adv-code-3',
    kind: 'coding',
    topic: 'web-security',
    difficulty: 3,
    archetypes: ['security-engineer'],
    depths: ['advanced'],
    title: 'Audit a Set-Cookie header',
    statement:
      'Write auditSetCookie(header) that reviews one Set-Cookie header value such as "sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax". Split on ";" and trim each part. The first part is name=value: if it has no "=" or the name is empty, return ["malformed"]. Every other non-empty part is an attribute NAME or NAME=VALUE; attribute names are case-insensitive and both name and value are trimmed. Report these findings:\n- "missing-secure" when there is no Secure attribute;\n- "missing-httponly" when there is no HttpOnly attribute;\n- "missing-samesite" when there is no SameSite attribute;\n- "invalid-samesite" when SameSite is not Strict, Lax or None (case-insensitive);\n- "samesite-none-without-secure" when SameSite is None and Secure is absent;\n- "host-prefix-violation" when the name starts with "__Host-" and the cookie lacks Secure, has a Domain attribute, or does not have Path exactly "/";\n- "secure-prefix-violation" when the name starts with "__Secure-" and lacks Secure.\nReturn the findings sorted with the default Array.prototype.sort order ([] for a good cookie).',
    language: 'typescript',
    functionName: 'auditSetCookie',
    signature: 'function auditSetCookie(header: string): string[]',
    starterCode: 'function auditSetCookie(header: string): string[] {\n  // TODO\n  return [];\n}\n',
    referenceSolution: `function auditSetCookie(header) {
  const parts = header.split(';').map((p) => p.trim());
  const first = parts[0];
  const eq = first.indexOf('=');
  if (eq <= 0) return ['malformed'];
  const name = first.slice(0, eq).trim();
  const attrs = new Map();
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const i = part.indexOf('=');
    const key = (i === -1 ? part : part.slice(0, i)).trim().toLowerCase();
    const value = i === -1 ? '' : part.slice(i + 1).trim();
    attrs.set(key, value);
  }
  const findings = [];
  const secure = attrs.has('secure');
  if (!secure) findings.push('missing-secure');
  if (!attrs.has('httponly')) findings.push('missing-httponly');
  if (!attrs.has('samesite')) {
    findings.push('missing-samesite');
  } else {
    const v = attrs.get('samesite').toLowerCase();
    if (v !== 'strict' && v !== 'lax' && v !== 'none') findings.push('invalid-samesite');
    if (v === 'none' && !secure) findings.push('samesite-none-without-secure');
  }
  if (name.startsWith('__Host-') && (!secure || attrs.has('domain') || attrs.get('path') !== '/')) findings.push('host-prefix-violation');
  if (name.startsWith('__Secure-') && !secure) findings.push('secure-prefix-violation');
  return findings.sort();
}`,
    exampleTests: [
      { args: ['session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax'], expected: [] },
      { args: ['session=abc123'], expected: ['missing-httponly', 'missing-samesite', 'missing-secure'] },
    ],
    hiddenTests: [
      { args: ['id=1; SameSite=None; HttpOnly'], expected: ['missing-secure', 'samesite-none-without-secure'] },
      {
        args: ['__Host-sid=x; Secure; HttpOnly; SameSite=Strict; Path=/; Domain=example.com'],
        expected: ['host-prefix-violation'],
        description: '__Host- cookies must not set Domain',
      },
      { args: ['__Host-sid=x; Secure; HttpOnly; SameSite=Strict'], expected: ['host-prefix-violation'], description: '__Host- cookies need Path=/' },
      { args: ['__Host-sid=x; Secure; HttpOnly; SameSite=Strict; Path=/app'], expected: ['host-prefix-violation'] },
      { args: ['__Host-ok=1; Secure; HttpOnly; SameSite=Lax; Path=/'], expected: [], description: 'a valid __Host- cookie' },
      { args: ['__Secure-t=1; HttpOnly; SameSite=Lax'], expected: ['missing-secure', 'secure-prefix-violation'] },
      { args: ['a=b; secure; httponly; samesite=strict'], expected: [], description: 'attribute names are case-insensitive' },
      { args: ['a=b; Secure; HttpOnly; SameSite=Sometimes'], expected: ['invalid-samesite'] },
      { args: ['  a=b ;Secure ; HttpOnly;SameSite = Lax '], expected: [], description: 'whitespace everywhere' },
      { args: ['novalue; Secure'], expected: ['malformed'] },
      { args: ['=abc; Secure; HttpOnly; SameSite=Lax'], expected: ['malformed'], description: 'empty name' },
      { args: ['a=; Secure; HttpOnly; SameSite=Lax'], expected: [], description: 'empty value is allowed' },
      { args: ['a=b; Path=/x=y; Secure; HttpOnly; SameSite=Lax'], expected: [], description: 'attribute value containing =' },
    ],
    timeLimitSec: 1200,
  },
];
