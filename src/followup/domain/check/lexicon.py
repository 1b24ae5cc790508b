"""Words a follow-up uses that a general English dictionary lacks.

Technical and business terms (languages, frameworks, cloud, data, finance, HR and
recruiting), common acronyms, British spellings the American list misses, and the
informal forms a LinkedIn note allows. Lower case; a word here is never flagged as
misspelled and may be suggested as a correction. Acronyms written in capitals are skipped
by the rule anyway; they are listed for the same words written in lower case or with a
plural or possessive ending.
"""

from __future__ import annotations

_LANGUAGES = """
javascript typescript python java kotlin scala golang rust ruby php perl swift objc
haskell elixir erlang clojure fsharp csharp cpp julia matlab fortran cobol lua dart
bash powershell sql nosql graphql html css sass scss json yaml toml xml regex
webassembly wasm solidity verilog vhdl latex markdown jupyter
"""

_FRAMEWORKS = """
react reactjs redux nextjs vue vuejs nuxt angular angularjs svelte sveltekit jquery
nodejs deno bun express nestjs django flask fastapi pydantic sqlalchemy celery pandas
numpy scipy matplotlib seaborn sklearn scikit pytorch tensorflow keras huggingface
langchain llm llms rails laravel symfony spring springboot hibernate dotnet aspnet
blazor xamarin flutter ionic electron tailwind bootstrap webpack vite babel eslint
prettier jest pytest junit cypress playwright selenium storybook figma sketch
graphql grpc protobuf kafka rabbitmq zeromq redis memcached elasticsearch opensearch
kibana grafana prometheus datadog splunk sentry pagerduty opentelemetry jaeger
postgres postgresql mysql mariadb sqlite mongodb dynamodb cassandra couchdb neo4j
snowflake databricks bigquery redshift dbt airflow dagster prefect spark pyspark hadoop
hive presto trino flink beam looker tableau powerbi metabase superset mlflow kubeflow
terraform pulumi ansible chef puppet vagrant packer docker dockerfile kubernetes k8s
helm istio envoy nginx apache tomcat haproxy traefik linux ubuntu debian centos macos
ios ipados watchos android windows unix git github gitlab bitbucket jira confluence
trello asana notion slack zoom webex salesforce hubspot marketo zendesk intercom
workday greenhouse lever jobvite icims taleo bamboohr gusto rippling lattice
quickbooks netsuite xero stripe plaid shopify woocommerce magento wordpress webflow
squarespace wix figjam miro canva adobe photoshop illustrator indesign premiere
openai chatgpt copilot anthropic claude gemini llama mistral
"""

_CLOUD_AND_DATA = """
aws azure gcp ec2 s3 lambda cloudfront cloudwatch iam vpc rds eks ecs fargate
serverless saas paas iaas baas devops devsecops mlops dataops gitops finops sre
cicd ci cd api apis sdk sdks cli clis gui ui ux uis frontend backend fullstack
microservice microservices monorepo monorepos middleware runtime runtimes codebase
codebases refactor refactored refactoring refactors repo repos dataset datasets
datastore datastores dataframe dataframes datapoint datapoints pipeline pipelines
etl elt webhook webhooks endpoint endpoints schema schemas timezone timezones
latency latencies throughput uptime downtime failover autoscaling observability
org orgs cron crontab cronjob cronjobs upsert upserts upserted dedupe deduped dedup hotfix hotfixes
shard shards sharded sharding backfilled backfilling runbook runbooks kubectl
linting linted oncall oauth sso saml jwt jwts ldap cdc tpu tpus fx
scalability scalable idempotent idempotency backlog backlogs roadmap roadmaps
sprint sprints scrum kanban agile standup standups retro retros onboarding
offboarding onboard onboarded offboard workflow workflows playbook playbooks
lifecycle lifecycles checkout signup signups login logins logout username usernames
dashboard dashboards analytics cybersecurity infosec pentest pentesting malware
ransomware phishing encryption blockchain crypto fintech insurtech healthtech edtech
proptech martech adtech regtech biotech medtech cleantech deeptech ai ml nlp
chatbot chatbots ecommerce omnichannel app apps webapp webapps smartphone
smartphones tablet wifi bluetooth iot ar vr xr gpu gpus cpu cpus ram ssd
startup startups scaleup scaleups unicorn subreddit podcast podcasts webinar
webinars livestream livestreams email emails emailed emailing inbox inboxes
hashtag hashtags username linkedin github youtube tiktok instagram facebook twitter
mastodon substack medium gmail outlook calendly docusign

"""

_BUSINESS = """
kpi kpis okr okrs roi roas cac ltv arr mrr gmv ebitda capex opex cogs saas b2b
b2c b2b2c d2c smb smbs gtm crm crms erp erps sla slas nps csat churn upsell upsells
upselling cross-sell monetize monetization monetized go-to-market stakeholder
stakeholders deliverable deliverables cross-functional collab collabs synergy
synergies bandwidth learnings upskill upskilling reskill reskilling offsite offsites
onsite onsites all-hands rollout rollouts ramp-up headcount headcounts runway
fundraise fundraising seed-stage pre-seed ipo vc vcs pe ceo cfo coo cto cmo cpo
cio ciso cro vp vps svp evp avp gm pm pms tpm tpms em ems ic ics hr hrbp hrbps hris
ats ta dei ergs erg pto wfh rto okr 401k fsa hsa w2 w-2 1099 fte ftes contractor
contractors freelance freelancer freelancers consultancy consultancies accountability
fintech forex equities derivatives hedging underwriting underwriter underwriters
actuarial actuary actuaries audit audits auditing auditor auditors gaap ifrs sox
aml kyc fpa cpa cpas cfa cfas mba mbas phd phds msc bsc ba bs ms ma llm jd
esg cpg fmcg b-corp nonprofit nonprofits ngo ngos rebrand rebranding rebranded microsite
microsites seo ppc ctr gdpr hipaa ehr emr pnl
"""

_RECRUITING = """
recruiter recruiters recruiting recruitment sourcer sourcers sourcing interviewee
interviewees interviewer interviewers interview interviews interviewed interviewing
hiring onsite phone-screen prescreen pre-screen screener screeners shortlist
shortlisted shortlisting jobseeker jobseekers candidacy candidacies resume resumes
cv cvs portfolio portfolios follow-up follow-ups followup followups thank-you
thank-yous check-in check-ins take-home takehome whiteboard whiteboarding
leetcode hackerrank codility glassdoor indeed ziprecruiter handshake wellfound
angellist referral referrals hiring-manager panelist panelists offer
counteroffer counteroffers onboarding orientation probation internship internships
intern interns apprenticeship apprenticeships co-op coop new-grad grad grads
teammate teammates coworker coworkers cofounder cofounders co-founder co-founders
mentee mentees mentorship upskill networking linkedin inmail inmails
personalization personalize personalized proactively proactiveness
"""

_TIME = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
friday saturday sunday mon tue tues wed thu thur thurs fri sat sun weekday weekdays
weekend weekends am pm est edt cst cdt mst mdt pst pdt utc gmt bst cet cest ist jst
aest q1 q2 q3 q4 h1 h2 fy ytd eod eow eom asap tbd tba eta
"""

_COMMON = """
tech techie config configs enum enums changelog changelogs docstring docstrings datetime
validator validators id ids url urls http https pdf pdfs csv xlsx pptx docx todo todos
npm pip pypi stdin stdout stderr boolean booleans namespace namespaces localhost plugin
plugins param params args kwargs unicode utf ascii emoji emojis hackathon hackathons
bootcamp bootcamps linter linters lint mentoring upskilled timeline timelines hybrid
mr mrs ms mx dr prof jr sr st etc eg ie vs approx dept inc llc ltd corp co plc gmbh
ok okay hi hey fyi btw imo imho ps pps re cc bcc aka diy faq faqs
covid hybrid remote-first async asynchronous synchronous
"""

#: British spellings the (American) list lacks and no simple rule turns American.
_BRITISH = """
cheque cheques grey greys tyre tyres aluminium enrol enrols enrolment enrolments
fulfil fulfils fulfilment skilful wilful mould moulded plough sceptical sceptic
storey storeys whilst amongst learnt spelt dreamt burnt leapt programme programmes
jewellery kerb manoeuvre manoeuvres practise practised practising licence licences
defence defences offence offences pretence
"""

_ALL = (_LANGUAGES, _FRAMEWORKS, _CLOUD_AND_DATA, _BUSINESS, _RECRUITING, _TIME, _COMMON)

LEXICON: frozenset[str] = frozenset(" ".join((*_ALL, _BRITISH)).split())
"""Every lexicon word, lower case."""
