/**
 * 项目与责任 (issue 21): the campaign's projects (filters by street, kind, stage and source; a
 * project's page with its stages, the sign-off for the account's unit and the payment form), the
 * funds ledger 经费台账 per source and per street, the 责任清单 per person and per unit with the
 * timetable 倒计时, and the one-vote veto 一票否决 list. Every rule is the server's: a refusal
 * shows its Chinese message. Loaded on demand in 服务器模式.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { budgetTotal, disbursedWan, ROLE_LABELS, hasPassedAcceptance, ledgerTotals, MAX_WORKS_NOTE_CHARS, paymentAmountRefusal, PROJECT_KINDS, PROJECT_KIND_LABELS, PROJECT_STAGES, PROJECT_STAGE_LABELS, type ProjectRecord, type ProjectStage } from '../../core/index.ts';
import type { WorksFlow } from '../../app/effects/works.ts';
import { dutiesOf, dutyKindLabel, filterProjects, nextStage, NO_PROJECT_FILTERS, openProject, peopleByUnit, selectOpenProject, setProjectFilter, setWorksTab, signingUnit, signsNext, type Deadline, type DutyNames, type ProjectFilters, type WorksTab } from '../../state/works.ts';
import { dispatchWorks, useWorks, type WorksStore } from '../../state/works-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { DISTRICT_SHARE, ledgerTable, projectsTable, type WorksTableNames } from '../../export/works-tables.ts';
import { tableToXlsx } from '../../export/tables.ts';
import { download } from '../export/download.ts';
import { formatDateTime } from '../cases/labels.ts';
import { ProjectSubmitForm } from './ProjectSubmitForm.tsx';
import type { FeaturesWiring } from '../features/wiring.ts';
import './works.css';

const TABS: readonly { id: WorksTab; label: string }[] = [
  { id: 'projects', label: '项目' },
  { id: 'ledger', label: '经费台账' },
  { id: 'people', label: '责任清单' },
  { id: 'veto', label: '一票否决' },
];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const wan = (value: number) => `${Number(value.toFixed(2)).toLocaleString('zh-CN')} 万元`;

/** Names of streets and communities from the loaded data, of sources and people from the server. */
function useNames(works: WorksStore, store: AppStore) {
  const dataset = useAppStore(store, (state) => state.data?.dataset ?? null);
  const sources = useWorks(works, (state) => state.info.sources);
  const people = useWorks(works, (state) => state.people);
  return useMemo(() => {
    const places = new Map<string, string>();
    for (const street of dataset?.streets ?? []) places.set(street.code, street.name);
    for (const feature of dataset?.boundaries.features ?? []) {
      places.set(feature.id, feature.name);
      if (feature.streetCode && feature.street && !places.has(feature.streetCode)) places.set(feature.streetCode, feature.street);
    }
    const table: WorksTableNames = { streets: places, sources: new Map(sources.map((source) => [source.id, source.name])), people: new Map(people.map((person) => [person.id, person.name])) };
    const deadlines: Deadline[] = dataset?.config.deadlines ?? [];
    return { places, table, deadlines, title: dataset?.title ?? '' };
  }, [dataset, sources, people]);
}

export function WorksPanel({ store, works, flow, features }: { store: AppStore; works: WorksStore; flow: WorksFlow; features?: FeaturesWiring }) {
  const me = useAppStore(store, (state) => state.server.me);
  const status = useWorks(works, (state) => state.status);
  const revision = useWorks(works, (state) => state.revision);
  const [expanded, setExpanded] = useState(false);
  if (!me) return null;
  const toggle = () => {
    if (!expanded) flow.open();
    setExpanded(!expanded);
  };
  return (
    <section className="works-panel" data-testid="works-panel" data-status={status} data-revision={revision} aria-labelledby="works-title">
      <h2 id="works-title">
        <button type="button" className="works-toggle" aria-expanded={expanded} onClick={toggle} data-testid="works-toggle">
          {expanded ? '▾' : '▸'} 项目、经费与责任
        </button>
      </h2>
      {expanded && <WorksBody store={store} works={works} flow={flow} />}
      {expanded && features && <features.ui.FeaturesSection store={store} features={features} />}
    </section>
  );
}

function WorksBody({ store, works, flow }: { store: AppStore; works: WorksStore; flow: WorksFlow }) {
  const status = useWorks(works, (state) => state.status);
  const error = useWorks(works, (state) => state.error);
  const tab = useWorks(works, (state) => state.tab);
  if (status === 'unavailable') return <p className="muted" data-testid="works-unavailable">此活动服务器尚未提供项目、经费与责任的接口。</p>;
  return (
    <>
      <div className="works-tabs" role="tablist" aria-label="项目、经费与责任">
        {TABS.map(({ id, label }) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-testid={`works-tab-${id}`} onClick={() => dispatchWorks(works, setWorksTab, id)}>
            {label}
          </button>
        ))}
      </div>
      {status === 'error' && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {status === 'loading' && <p className="muted">正在读取…</p>}
      {tab === 'projects' && <ProjectsView store={store} works={works} flow={flow} />}
      {tab === 'ledger' && <LedgerView store={store} works={works} />}
      {tab === 'people' && <PeopleView store={store} works={works} />}
      {tab === 'veto' && <VetoView works={works} />}
    </>
  );
}

// ---- 项目 ----

function ProjectsView({ store, works, flow }: { store: AppStore; works: WorksStore; flow: WorksFlow }) {
  const projects = useWorks(works, (state) => state.projects);
  const filters = useWorks(works, (state) => state.filters);
  const info = useWorks(works, (state) => state.info);
  const open = useWorks(works, selectOpenProject);
  const names = useNames(works, store);
  const shown = useMemo(() => filterProjects(projects, filters), [projects, filters]);
  const me = useAppStore(store, (state) => state.server.me);
  const [submitting, setSubmitting] = useState(false);
  if (open) return <ProjectPage project={open} works={works} flow={flow} names={names.table} />;
  if (submitting)
    return (
      <ProjectSubmitForm
        store={store}
        works={works}
        flow={flow}
        onCancel={() => setSubmitting(false)}
        onSubmitted={(project) => {
          setSubmitting(false);
          dispatchWorks(works, openProject, project.id);
        }}
      />
    );
  const streets = [...new Set(projects.map((project) => project.street))].map((id) => ({ value: id, label: names.places.get(id) ?? id }));
  const set = (key: keyof ProjectFilters, value: string) => dispatchWorks(works, setProjectFilter, key, (value === '' ? null : value) as never);
  const select = (key: keyof ProjectFilters, label: string, options: { value: string; label: string }[]) => (
    <label>
      {label}
      <select value={filters[key] ?? ''} onChange={(event) => set(key, event.target.value)} data-testid={`project-filter-${key}`}>
        <option value="">全部</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  const budget = budgetTotal(shown);
  return (
    <>
      <div className="works-filters" role="group" aria-label="筛选项目">
        {select('street', '街道', streets)}
        {select('kind', '类型', PROJECT_KINDS.map((kind) => ({ value: kind, label: PROJECT_KIND_LABELS[kind] })))}
        {select('stage', '阶段', PROJECT_STAGES.map((stage) => ({ value: stage, label: PROJECT_STAGE_LABELS[stage] })))}
        {select('source', '资金来源', info.sources.map((source) => ({ value: source.id, label: source.name })))}
        <button type="button" disabled={filters === NO_PROJECT_FILTERS} onClick={() => (['street', 'kind', 'stage', 'source'] as const).forEach((key) => dispatchWorks(works, setProjectFilter, key, null))}>
          清除筛选
        </button>
      </div>
      {/* Offered to an admin and the joint team's units (the server decides who may submit). */}
      {(me?.role === 'admin' || info.myUnits.length > 0) && (
        <p>
          <button type="button" onClick={() => setSubmitting(true)} data-testid="project-submit">
            申报新项目
          </button>
        </p>
      )}
      <p className="muted" data-testid="projects-shown" data-count={shown.length}>
        {shown.length} 个项目，预算合计 {wan(budget)}
        {' · '}
        <button type="button" className="link-button" data-testid="projects-xlsx" onClick={() => void tableToXlsx(projectsTable(shown, names.table)).then((blob) => download(`${names.title || '活动'}-项目清单.xlsx`, blob, XLSX))}>
          导出 XLSX
        </button>
      </p>
      <ol className="works-list" data-testid="project-list">
        {shown.map((project) => (
          <li key={project.id} data-testid="project-row" data-project={project.id} data-stage={project.stage}>
            <button type="button" className="works-open" onClick={() => dispatchWorks(works, openProject, project.id)} aria-label={`打开第 ${project.number} 号项目：${project.title}`}>
              <span className="works-number">第 {project.number} 号</span>
              <span className="works-title">{project.title}</span>
              <span className="works-stage" data-testid="project-stage">
                {PROJECT_STAGE_LABELS[project.stage]}
              </span>
              <span>{wan(project.budgetWan)}</span>
              <span className="works-meta muted">
                {PROJECT_KIND_LABELS[project.kind]} · {names.places.get(project.street) ?? project.street} · {names.table.sources.get(project.source) ?? project.source} · 责任人 {names.table.people.get(project.responsible) ?? project.responsible}
                {signsNext(info, project) && ' · 待本单位签批'}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {shown.length === 0 && <p className="muted">{projects.length === 0 ? '暂无项目。' : '没有符合筛选条件的项目。'}</p>}
    </>
  );
}

function ProjectPage({ project, works, flow, names }: { project: ProjectRecord; works: WorksStore; flow: WorksFlow; names: WorksTableNames }) {
  const info = useWorks(works, (state) => state.info);
  const next = nextStage(project.stage);
  const unit = next ? signingUnit(info, next) : null;
  const mayPay = hasPassedAcceptance(project.stage);
  const reached = PROJECT_STAGES.indexOf(project.stage);
  // A refused sign-off stays said after the page re-reads (the form may then no longer be this account's).
  const [refusal, setRefusal] = useState<string | null>(null);
  return (
    <article className="project-page" data-testid="project-page" data-project={project.id} data-stage={project.stage} aria-labelledby="project-title">
      <button type="button" className="link-button" onClick={() => dispatchWorks(works, openProject, null)}>
        ← 返回项目列表
      </button>
      <h3 id="project-title">
        第 {project.number} 号项目：{project.title}
      </h3>
      <p className="muted">{project.description}</p>
      <dl className="works-facts">
        <dt>类型</dt>
        <dd>{PROJECT_KIND_LABELS[project.kind]}</dd>
        <dt>街道</dt>
        <dd>{names.streets.get(project.street) ?? project.street}</dd>
        <dt>预算</dt>
        <dd>{wan(project.budgetWan)}</dd>
        <dt>资金来源</dt>
        <dd>{names.sources.get(project.source) ?? project.source}</dd>
        <dt>责任人</dt>
        <dd>{names.people.get(project.responsible) ?? project.responsible}</dd>
        <dt>工期</dt>
        <dd>
          {project.start} 至 {project.due}
        </dd>
        <dt>已拨付 / 已支出</dt>
        <dd data-testid="project-paid">
          {wan(disbursedWan(project))} / {wan(project.spentWan)}
        </dd>
      </dl>
      <ol className="stage-line" aria-label="项目阶段" data-testid="stage-line">
        {PROJECT_STAGES.map((stage, index) => {
          const signed = project.history.find((event) => event.to === stage);
          return (
            <li key={stage} className={index <= reached ? 'done' : ''} data-stage={stage} data-done={index <= reached}>
              <strong>{PROJECT_STAGE_LABELS[stage]}</strong>
              {signed && (
                <span className="muted">
                  {' '}
                  {formatDateTime(signed.at)} · {signed.actor}（{info.units.find((item) => item.id === signed.unit)?.name ?? signed.unit}）{signed.note && ` · ${signed.note}`}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {next && signsNext(info, project) && <SignForm key={`${project.id}-${next}`} project={project} to={next} unitName={unit?.name ?? ''} flow={flow} onAnswer={setRefusal} />}
      {next && !signsNext(info, project) && (
        <p className="muted" data-testid="sign-waiting">
          下一步「{PROJECT_STAGE_LABELS[next]}」由{unit?.name ?? '指定的审核单位'}签批。
        </p>
      )}
      {refusal && (
        <p className="form-error" role="alert" data-testid="sign-refusal">
          {refusal}
        </p>
      )}
      {project.disbursements.length > 0 && (
        <ul className="payments" data-testid="payments">
          {project.disbursements.map((payment) => (
            <li key={payment.id}>
              {formatDateTime(payment.at)} · {payment.actor} 拨付 {wan(payment.amountWan)}
              {payment.note && ` · ${payment.note}`}
              {payment.override && ` · 超额拨付（理由：${payment.override.reason}）`}
            </li>
          ))}
        </ul>
      )}
      {info.mayPay ? (
        <PaymentForm key={project.id} project={project} flow={flow} mayPay={mayPay} />
      ) : (
        <p className="muted" data-testid="payment-waiting">
          经费拨付由{signingUnit(info, 'paid')?.name ?? '指定的拨付单位'}或{ROLE_LABELS.admin}办理。
        </p>
      )}
    </article>
  );
}

/** The sign-off of the next stage; `onAnswer` gets the server's refusal in Chinese, or null once signed. */
function SignForm({ project, to, unitName, flow, onAnswer }: { project: ProjectRecord; to: ProjectStage; unitName: string; flow: WorksFlow; onAnswer: (refusal: string | null) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await flow.sign(project.id, to, note.trim());
    setBusy(false);
    onAnswer(answer.ok ? null : answer.error.message);
  };
  return (
    <form className="works-form" onSubmit={submit} data-testid="sign-form" aria-label="签批下一阶段">
      <label>
        签批意见
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={MAX_WORKS_NOTE_CHARS} data-testid="sign-note" />
      </label>
      <button type="submit" disabled={busy} data-testid="sign-button">
        以{unitName}签批「{PROJECT_STAGE_LABELS[to]}」
      </button>
    </form>
  );
}

function PaymentForm({ project, flow, mayPay }: { project: ProjectRecord; flow: WorksFlow; mayPay: boolean }) {
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // An empty or unreadable amount is NaN, which the core's rule refuses like a negative one.
    const value = amount.trim() === '' ? Number.NaN : Number(amount);
    const invalid = paymentAmountRefusal(value);
    if (invalid) return setRefusal(invalid);
    setBusy(true);
    const answer = await flow.disburse(project.id, value, note.trim(), reason.trim() || null);
    setBusy(false);
    if (answer.ok) {
      setRefusal(null);
      setAmount('');
      setNote('');
      setReason('');
    } else setRefusal(answer.error.message);
  };
  return (
    <form className="works-form" onSubmit={submit} data-testid="payment-form" aria-label="经费拨付">
      <h4>经费拨付</h4>
      {!mayPay && <p className="muted">项目验收后方可拨付（服务器核验）。</p>}
      <label>
        金额（万元）
        <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} data-testid="payment-amount" />
      </label>
      <label>
        说明
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={MAX_WORKS_NOTE_CHARS} />
      </label>
      <label>
        超额理由（超出下达额度时必填，留痕审计）
        <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={MAX_WORKS_NOTE_CHARS} data-testid="payment-override" />
      </label>
      <button type="submit" disabled={busy} data-testid="payment-button">
        拨付
      </button>
      {refusal && (
        <p className="form-error" role="alert" data-testid="payment-refusal">
          {refusal}
        </p>
      )}
    </form>
  );
}

// ---- 经费台账 ----

function LedgerView({ store, works }: { store: AppStore; works: WorksStore }) {
  const rows = useWorks(works, (state) => state.ledger);
  const names = useNames(works, store);
  const [by, setBy] = useState<'source' | 'street'>('source');
  const totals = useMemo(() => ledgerTotals(rows, by), [rows, by]);
  const label = (key: string | null) => (by === 'source' ? (names.table.sources.get(key ?? '') ?? key ?? '') : key === null ? DISTRICT_SHARE : (names.places.get(key) ?? key));
  return (
    <>
      <p className="works-switch" role="group" aria-label="台账汇总方式">
        <button type="button" aria-pressed={by === 'source'} onClick={() => setBy('source')} data-testid="ledger-by-source">
          按资金来源
        </button>
        <button type="button" aria-pressed={by === 'street'} onClick={() => setBy('street')} data-testid="ledger-by-street">
          按街道
        </button>
        <button type="button" className="link-button" data-testid="ledger-xlsx" onClick={() => void tableToXlsx(ledgerTable(rows, names.table)).then((blob) => download(`${names.title || '活动'}-经费台账.xlsx`, blob, XLSX))}>
          导出 XLSX
        </button>
      </p>
      <div className="works-table-wrap">
        <table className="works-table" data-testid="ledger-table">
          <thead>
            <tr>
              <th scope="col">{by === 'source' ? '资金来源' : '街道'}</th>
              <th scope="col">下达</th>
              <th scope="col">已安排</th>
              <th scope="col">已拨付</th>
              <th scope="col">已支出</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((total) => (
              <tr key={total.key ?? ''} data-testid="ledger-row" data-key={total.key ?? ''} className={total.warnings.length > 0 ? 'warn' : ''}>
                <th scope="row">
                  {label(total.key)}
                  {total.warnings.map((warning) => (
                    <span key={warning} className="works-warning" data-testid="ledger-warning">
                      ⚠ {warning}
                    </span>
                  ))}
                </th>
                <td>{total.allocatedWan.toFixed(2)}</td>
                <td>{total.committedWan.toFixed(2)}</td>
                <td>{total.disbursedWan.toFixed(2)}</td>
                <td>{total.spentWan.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">单位：万元。已安排为审核通过后项目的预算。</p>
      {rows.length === 0 && <p className="muted">暂无经费数据。</p>}
    </>
  );
}

// ---- 责任清单与倒计时 ----

function PeopleView({ store, works }: { store: AppStore; works: WorksStore }) {
  const people = useWorks(works, (state) => state.people);
  const projects = useWorks(works, (state) => state.projects);
  const instructors = useWorks(works, (state) => state.instructors);
  const names = useNames(works, store);
  const [printing, setPrinting] = useState(false);
  const rows = useWorks(works, (state) => state.timetable);
  const today = useWorks(works, (state) => state.today);
  const duty: DutyNames = { projects, deadlines: names.deadlines, places: names.places };
  const units = peopleByUnit(people);
  const body = (
    <>
      <h3>倒计时{today && <span className="muted">（按服务器日期 {today} 计）</span>}</h3>
      <div className="works-table-wrap">
        <table className="works-table" data-testid="timetable">
          <thead>
            <tr>
              <th scope="col">节点</th>
              <th scope="col">日期</th>
              <th scope="col">倒计时</th>
              <th scope="col">责任人</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kind}-${row.id}`} data-testid="timetable-row" data-days={row.daysLeft} className={row.daysLeft < 0 ? 'warn' : ''}>
                <th scope="row">{row.label}</th>
                <td>{row.date}</td>
                <td>{row.daysLeft >= 0 ? `还剩 ${row.daysLeft} 天` : `已逾期 ${-row.daysLeft} 天`}</td>
                <td>{row.person ? `${row.person.name}（${row.person.title}）` : row.responsibleText || '未明确责任人'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>责任清单（按单位、按人）</h3>
      {units.map(({ unit, people: members }) => (
        <section key={unit} className="duty-unit" data-testid="duty-unit" data-unit={unit}>
          <h4>{unit}</h4>
          {members.map((person) => (
            <div key={person.id} className="duty-person" data-testid="duty-person" data-person={person.id}>
              <p>
                <strong>{person.name}</strong> {person.title} · 电话 {person.phone || '未登记'}
              </p>
              <ul>
                {dutiesOf(person, duty).map((line) => (
                  <li key={`${line.kind}-${line.id}`}>
                    {dutyKindLabel(line.kind)}：{line.label}
                    {line.due && `（${line.due} 前）`}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      {people.length === 0 && <p className="muted">尚未登记责任人。</p>}
      {instructors.length > 0 && (
        <>
          <h3>指导员（百名市属干部百日创建）</h3>
          <ul data-testid="instructors">
            {instructors.map((instructor) => (
              <li key={instructor.id} data-testid="instructor" data-instructor={instructor.id}>
                {instructor.name} · {names.places.get(instructor.community) ?? instructor.community} · 共建单位 {instructor.homeUnit} · {instructor.start} 起 · {instructor.phone}
                <span className="muted" data-testid="instructor-activity">
                  {' · '}
                  {instructor.activity
                    ? `走访检查 ${instructor.activity.visits} 次${instructor.activity.lastVisit ? `（最近 ${instructor.activity.lastVisit}）` : ''}，上报问题 ${instructor.activity.reported} 件，已销号 ${instructor.activity.solved} 件`
                    : '未关联账号，无督查记录'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
  return (
    <>
      <p>
        <button type="button" onClick={() => setPrinting(true)} data-testid="people-print">
          打印责任清单（PDF）
        </button>
      </p>
      {body}
      {printing && (
        <PrintPage title={`${names.title}责任清单`} asOf={today} onClose={() => setPrinting(false)}>
          {body}
        </PrintPage>
      )}
    </>
  );
}

// ---- 一票否决 ----

function VetoView({ works }: { works: WorksStore }) {
  const verdicts = useWorks(works, (state) => state.veto);
  const today = useWorks(works, (state) => state.today);
  const [printing, setPrinting] = useState(false);
  const failing = verdicts.filter((verdict) => !verdict.pass);
  const body = (
    <>
      <p data-testid="veto-counts" data-failing={failing.length} data-total={verdicts.length}>
        示范社区 {verdicts.length} 个，按今日数据验收将不通过 <strong>{failing.length}</strong> 个。
      </p>
      <ol className="veto-list" data-testid="veto-list">
        {[...failing, ...verdicts.filter((verdict) => verdict.pass)].map((verdict) => (
          <li key={verdict.code} className={verdict.pass ? 'pass' : 'fail'} data-testid="veto-row" data-code={verdict.code} data-pass={verdict.pass}>
            <strong>{verdict.name}</strong> <span className="works-stage">{verdict.pass ? '可通过' : '不通过'}</span>
            {!verdict.pass && (
              <>
                <ul className="veto-reasons" aria-label="原因">
                  {verdict.reasons.map((reason) => (
                    <li key={reason.rule} data-rule={reason.rule}>
                      {reason.message}
                    </li>
                  ))}
                </ul>
                <p className="veto-chain" aria-label="责任链">
                  责任链：
                  {verdict.responsible.map((link, index) => (
                    <span key={`${link.level}-${index}`} data-testid="veto-link">
                      {index > 0 && ' → '}
                      {link.unit} {link.person ? `${link.person.name}（${link.person.title}，${link.person.phone}）` : '（未明确责任人）'}
                    </span>
                  ))}
                </p>
              </>
            )}
          </li>
        ))}
      </ol>
      {verdicts.length === 0 && <p className="muted">暂无示范社区。</p>}
    </>
  );
  return (
    <>
      <p>
        <button type="button" onClick={() => setPrinting(true)} data-testid="veto-print">
          打印一票否决清单（PDF）
        </button>
      </p>
      {body}
      {printing && (
        <PrintPage title="一票否决预警清单" asOf={today} onClose={() => setPrinting(false)}>
          {body}
        </PrintPage>
      )}
    </>
  );
}

/**
 * A page to print (or save as PDF from the print dialog): shown over the app, which the print
 * stylesheet hides. Dated by the server's day (`asOf`, the timetable's), not the browser's clock.
 */
function PrintPage({ title, asOf, onClose, children }: { title: string; asOf: string | null; onClose: () => void; children: React.ReactNode }) {
  return createPortal(
    <div className="works-print-overlay" role="dialog" aria-modal="true" aria-label={title} data-testid="works-print">
      <div className="works-print-bar">
        <button type="button" onClick={() => window.print()}>
          打印 / 存为 PDF
        </button>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
      <article className="works-print-page">
        <h2>{title}</h2>
        {asOf && (
          <p className="muted" data-testid="works-print-as-of">
            数据日期 {asOf}（服务器）
          </p>
        )}
        {children}
      </article>
    </div>,
    document.body,
  );
}
