import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { saveJson } from '../lib/download';
import { Done } from '../components/Done';
import { MyDataQuery } from './queries';

export const MY_DATA_FILE = 'tacit-my-data.json';

/** "Download my data": everything Tacit holds about the signed-in person, as a JSON file. */
export function MyData() {
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const download = async () => {
    setSaved(false);
    const result = await action.run(() => request(MyDataQuery, {}));
    if (!result) return;
    saveJson(result.myData, MY_DATA_FILE);
    setSaved(true);
  };
  return (
    <section className="panel" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">Your data</h2>
      <p>
        Everything Tacit holds about you — profile, skills, endorsements, communities, documents and interviews — as one
        JSON file. Tacit records in its audit log that you downloaded it.
      </p>
      <button type="button" className="button" disabled={action.busy} onClick={download}>
        {action.busy ? 'Preparing your data…' : 'Download my data'}
      </button>
      {saved && !action.busy && <Done>Your data was saved as {MY_DATA_FILE} in your downloads.</Done>}
      {action.error && <ErrorMessage error={action.error} onRetry={download} />}
    </section>
  );
}
