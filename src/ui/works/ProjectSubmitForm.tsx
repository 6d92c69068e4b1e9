/**
 * 申报 a new project (issue 21): its facts, budget and funding source, sent to POST …/projects.
 * Who may submit and whether the facts fit the campaign (a known street, a community of that
 * street, a person in the 责任清单, the dates in order) are the server's rules: a refusal shows its
 * Chinese message naming the field. The choices offered are the campaign's own (its communities
 * and streets from the loaded data, its sources and people from the server).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { MAX_WORKS_NOTE_CHARS, PROJECT_KINDS, PROJECT_KIND_LABELS, type NewProject, type ProjectKind, type ProjectRecord } from '../../core/index.ts';
import type { WorksFlow } from '../../app/effects/works.ts';
import { useWorks, type WorksStore } from '../../state/works-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

type TargetKind = ProjectRecord['target']['kind'];
const TARGET_LABELS: Readonly<Record<TargetKind, string>> = { community: '社区', street: '街道', road: '道路' };

/** The form; `onSubmitted` gets the project as the server stored it (at 申报). */
export function ProjectSubmitForm({ store, works, flow, onSubmitted, onCancel }: { store: AppStore; works: WorksStore; flow: WorksFlow; onSubmitted: (project: ProjectRecord) => void; onCancel: () => void }) {
  const dataset = useAppStore(store, (state) => state.data?.dataset ?? null);
  const sources = useWorks(works, (state) => state.info.sources);
  const people = useWorks(works, (state) => state.people);
  const today = useWorks(works, (state) => state.today);
  const communities = useMemo(() => (dataset?.boundaries.features ?? []).map((feature) => ({ code: feature.id, name: feature.name, street: feature.streetCode ?? '' })), [dataset]);
  const streets = useMemo(() => {
    const named = new Map((dataset?.streets ?? []).map((street) => [street.code, street.name]));
    for (const feature of dataset?.boundaries.features ?? []) if (feature.streetCode && !named.has(feature.streetCode)) named.set(feature.streetCode, feature.street ?? feature.streetCode);
    return [...named.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
  }, [dataset]);

  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ProjectKind>(PROJECT_KINDS[0]);
  const [description, setDescription] = useState('');
  const [targetKind, setTargetKind] = useState<TargetKind>('community');
  const [community, setCommunity] = useState('');
  const [road, setRoad] = useState('');
  const [street, setStreet] = useState('');
  const [budget, setBudget] = useState('');
  const [source, setSource] = useState(sources[0]?.id ?? '');
  const [responsible, setResponsible] = useState('');
  const [start, setStart] = useState(today ?? '');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  // A community's project counts under the community's street.
  const streetOf = (code: string) => communities.find((item) => item.code === code)?.street ?? '';
  const chooseCommunity = (code: string) => {
    setCommunity(code);
    if (code) setStreet(streetOf(code));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target: ProjectRecord['target'] = { kind: targetKind, id: targetKind === 'community' ? community : targetKind === 'street' ? street : road.trim() };
    // The budget goes as typed (an empty field as NaN): the server names what is wrong with it.
    const project: NewProject = { title: title.trim(), kind, description: description.trim(), target, street, budgetWan: budget.trim() === '' ? Number.NaN : Number(budget), source, responsible, start, due };
    setBusy(true);
    const answer = await flow.submit(project);
    setBusy(false);
    if (answer.ok) onSubmitted(answer.value);
    else setRefusal(answer.error.message);
  };

  return (
    <form className="works-form" onSubmit={submit} data-testid="project-submit-form" aria-label="申报项目">
      <h3>申报项目</h3>
      <label>
        项目名称
        <input value={title} onChange={(event) => setTitle(event.target.value)} data-testid="submit-title" />
      </label>
      <label>
        类型
        <select value={kind} onChange={(event) => setKind(event.target.value as ProjectKind)} data-testid="submit-kind">
          {PROJECT_KINDS.map((item) => (
            <option key={item} value={item}>
              {PROJECT_KIND_LABELS[item]}
            </option>
          ))}
        </select>
      </label>
      <label>
        说明
        <input value={description} onChange={(event) => setDescription(event.target.value)} maxLength={MAX_WORKS_NOTE_CHARS} data-testid="submit-description" />
      </label>
      <label>
        项目对象
        <select value={targetKind} onChange={(event) => setTargetKind(event.target.value as TargetKind)} data-testid="submit-target-kind">
          {(Object.keys(TARGET_LABELS) as TargetKind[]).map((item) => (
            <option key={item} value={item}>
              {TARGET_LABELS[item]}
            </option>
          ))}
        </select>
      </label>
      {targetKind === 'community' && (
        <label>
          社区
          <select value={community} onChange={(event) => chooseCommunity(event.target.value)} data-testid="submit-community">
            <option value="">请选择</option>
            {communities.map((item) => (
              <option key={item.code} value={item.code}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {targetKind === 'road' && (
        <label>
          道路名称
          <input value={road} onChange={(event) => setRoad(event.target.value)} data-testid="submit-road" />
        </label>
      )}
      <label>
        所在街道
        <select value={street} onChange={(event) => setStreet(event.target.value)} data-testid="submit-street">
          <option value="">请选择</option>
          {streets.map((item) => (
            <option key={item.code} value={item.code}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        预算（万元）
        <input inputMode="decimal" value={budget} onChange={(event) => setBudget(event.target.value)} data-testid="submit-budget" />
      </label>
      <label>
        资金来源
        <select value={source} onChange={(event) => setSource(event.target.value)} data-testid="submit-source">
          {sources.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        责任人
        <select value={responsible} onChange={(event) => setResponsible(event.target.value)} data-testid="submit-responsible">
          <option value="">请选择</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}（{person.unit} {person.title}）
            </option>
          ))}
        </select>
      </label>
      <label>
        开工日期
        <input type="date" value={start} onChange={(event) => setStart(event.target.value)} data-testid="submit-start" />
      </label>
      <label>
        完成日期
        <input type="date" value={due} onChange={(event) => setDue(event.target.value)} data-testid="submit-due" />
      </label>
      <p className="works-switch">
        <button type="submit" disabled={busy} data-testid="submit-button">
          提交申报
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </p>
      {refusal && (
        <p className="form-error" role="alert" data-testid="submit-refusal">
          {refusal}
        </p>
      )}
    </form>
  );
}
