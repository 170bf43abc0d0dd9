import type { PublicRecordSummary } from '../publicView.ts';
import { RecordList } from './RecordList.tsx';
import { SearchBox } from './SearchPage.tsx';

interface Props {
  org: { code: string; name: string };
  records: PublicRecordSummary[];
  now: Date;
  /** Community pages list their own records; higher levels say which community published. */
  showCommunity: boolean;
}

/** The portal's "最新公开" block with a search box scoped to the organisation. */
export function RecentRecords({ org, records, now, showCommunity }: Props) {
  return (
    <section class="card recent" aria-labelledby="recent-h">
      <h2 id="recent-h">最新公开</h2>
      <SearchBox orgCode={org.code} orgName={org.name} />
      {records.length > 0 ? <RecordList views={records} now={now} showCommunity={showCommunity} /> : <p class="empty">还没有发布公开记录。</p>}
    </section>
  );
}
