import { render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { graphql, type ResultOf } from '../graphql';
import { mockApi } from '../test/mockApi';
import { ApiProvider } from './ApiProvider';
import { request } from './client';
import { useConnection, useQuery } from './useQuery';

const PersonName = graphql(`
  query PersonName($id: ID!) {
    person(id: $id) {
      id
      name
      title
    }
  }
`);
const Rename = graphql(`
  mutation Rename($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      person {
        id
        name
        title
      }
    }
  }
`);

const Skills = graphql(`
  query Skills3($id: ID!) {
    person(id: $id) {
      id
      skills {
        level
        person {
          id
        }
        skill {
          id
          name
        }
        endorsements {
          endorser {
            id
          }
        }
      }
    }
  }
`);
const Endorse = graphql(`
  mutation Endorse3($personId: ID!, $skillId: ID!) {
    endorseSkill(input: { personId: $personId, skillId: $skillId }) {
      personSkill {
        person {
          id
        }
        skill {
          id
        }
        endorsements {
          endorser {
            id
          }
        }
      }
    }
  }
`);

function SkillList({ id }: { id: string }) {
  const { data } = useQuery(Skills, { id });
  return (
    <ul>
      {data?.person?.skills.map((s) => (
        <li key={s.skill?.id}>{`${s.skill?.name}: ${s.endorsements.length} endorsements`}</li>
      ))}
    </ul>
  );
}

const Page = graphql(`
  query PeoplePage2($first: Int!, $after: String) {
    people(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          title
        }
      }
    }
  }
`);
const selectPeople = (d: ResultOf<typeof Page>) => d.people;
const PAGE = { first: 2 };

function PeopleList() {
  const list = useConnection(Page, PAGE, selectPeople);
  return (
    <>
      <ul>
        {list.nodes.map((p) => (
          <li key={p.id}>{`${p.name}, ${p.title}`}</li>
        ))}
      </ul>
      <button type="button" onClick={list.loadMore}>
        more
      </button>
    </>
  );
}

const Health = graphql(`
  query Health4($id: ID!) {
    community(id: $id) {
      id
      health {
        uncoveredSkills {
          id
          name
        }
      }
    }
  }
`);
const Edit = graphql(`
  mutation Edit4($id: ID!, $skills: [ID!]) {
    updateCommunity(input: { id: $id, skillIds: $skills }) {
      community {
        id
        name
      }
    }
  }
`);

function Uncovered() {
  const { data } = useQuery(Health, { id: 'c-rm' });
  const names = data?.community?.health?.uncoveredSkills.map((s) => s.name) ?? [];
  return <p>{data ? `Uncovered: ${names.join(', ') || 'none'}` : 'loading'}</p>;
}

function Shown({ id }: { id: string }) {
  const { data } = useQuery(PersonName, { id });
  return <p>{data?.person ? `${data.person.name}, ${data.person.title}` : 'loading'}</p>;
}

describe('the normalised cache', () => {
  it('updates a record on screen from a mutation’s answer, without asking again', async () => {
    let title = 'Records Manager';
    const calls = mockApi({
      PersonName: (v) => ({ person: { id: v.id, name: 'Mei Chen', title } }),
      Rename: (v) => {
        title = (v.input as { title: string }).title;
        return { updatePerson: { person: { id: 'p3', name: 'Mei Chen', title } } };
      },
    });
    render(
      <ApiProvider>
        <Shown id="p3" />
        <Shown id="p3" />
      </ApiProvider>,
    );
    expect(await screen.findAllByText('Mei Chen, Records Manager')).toHaveLength(2);

    await request(Rename, { input: { id: 'p3', title: 'Head of Records' } });

    expect(await screen.findAllByText('Mei Chen, Head of Records')).toHaveLength(2);
    expect(calls.map((c) => c.operation)).toEqual(['PersonName', 'Rename']);
  });

  it('sends mutations through the client the screens read, also in strict mode (where React builds state twice)', async () => {
    let title = 'Records Manager';
    mockApi({
      PersonName: (v) => ({ person: { id: v.id, name: 'Mei Chen', title } }),
      Rename: (v) => {
        title = (v.input as { title: string }).title;
        return { updatePerson: { person: { id: 'p3', name: 'Mei Chen', title } } };
      },
    });
    render(
      <StrictMode>
        <ApiProvider>
          <Shown id="p3" />
        </ApiProvider>
      </StrictMode>,
    );
    await screen.findByText('Mei Chen, Records Manager');
    await request(Rename, { input: { id: 'p3', title: 'Head of Records' } });
    expect(await screen.findByText('Mei Chen, Head of Records')).toBeTruthy();
  });

  it('starts each session with an empty cache', async () => {
    const calls = mockApi({ PersonName: (v) => ({ person: { id: v.id, name: 'Mei Chen', title: 'Engineer' } }) });
    const first = render(
      <ApiProvider>
        <Shown id="p3" />
      </ApiProvider>,
    );
    await screen.findByText('Mei Chen, Engineer');
    first.unmount();
    render(
      <ApiProvider>
        <Shown id="p3" />
      </ApiProvider>,
    );
    // Nothing from the first session shows while the second asks.
    expect(screen.getByText('loading')).toBeTruthy();
    await screen.findByText('Mei Chen, Engineer');
    expect(calls.filter((c) => c.operation === 'PersonName')).toHaveLength(2);
  });

  it('keys a person’s skill by person and skill, so an endorsement shows in their list at once', async () => {
    const calls = mockApi({
      Skills3: () => ({
        person: {
          id: 'p3',
          skills: [{ level: 4, person: { id: 'p3' }, skill: { id: 's1', name: 'GDPR' }, endorsements: [] }],
        },
      }),
      Endorse3: () => ({
        endorseSkill: {
          personSkill: { person: { id: 'p3' }, skill: { id: 's1' }, endorsements: [{ endorser: { id: 'p1' } }] },
        },
      }),
    });
    render(
      <ApiProvider>
        <SkillList id="p3" />
      </ApiProvider>,
    );
    await screen.findByText('GDPR: 0 endorsements');
    await request(Endorse, { personId: 'p3', skillId: 's1' });
    await screen.findByText('GDPR: 1 endorsements');
    expect(calls.map((c) => c.operation)).toEqual(['Skills3', 'Endorse3']);
  });

  it('keeps pages loaded with “more” when a record on the first page changes', async () => {
    const people = [
      { id: 'p1', name: 'Aoife Byrne', title: 'Records Manager' },
      { id: 'p2', name: 'Ben Okafor', title: 'Solicitor' },
      { id: 'p3', name: 'Mei Chen', title: 'Engineer' },
    ];
    mockApi({
      PeoplePage2: (v) => {
        const start = v.after ? Number(v.after) : 0;
        const slice = people.slice(start, start + Number(v.first));
        return {
          people: {
            totalCount: people.length,
            pageInfo: { hasNextPage: start + slice.length < people.length, endCursor: String(start + slice.length) },
            edges: slice.map((node, i) => ({ cursor: String(start + i + 1), node })),
          },
        };
      },
      Rename: () => ({ updatePerson: { person: { id: 'p1', name: 'Aoife Byrne', title: 'Head of Records' } } }),
    });
    render(
      <ApiProvider>
        <PeopleList />
      </ApiProvider>,
    );
    await screen.findByText('Ben Okafor, Solicitor');
    screen.getByRole('button', { name: 'more' }).click();
    await screen.findByText('Mei Chen, Engineer');
    await request(Rename, { input: { id: 'p1', title: 'Head of Records' } });
    await screen.findByText('Aoife Byrne, Head of Records');
    expect(screen.getByText('Mei Chen, Engineer')).toBeTruthy();
  });

  it('asks again for what the server works out about a community (its health) after the community changes', async () => {
    let uncovered: { id: string; name: string }[] = [];
    const calls = mockApi({
      Health4: () => ({ community: { id: 'c-rm', health: { uncoveredSkills: uncovered } } }),
      Edit4: () => {
        uncovered = [{ id: 's-foi', name: 'Freedom of information' }];
        return { updateCommunity: { community: { id: 'c-rm', name: 'Records Management' } } };
      },
    });
    render(
      <ApiProvider>
        <Uncovered />
      </ApiProvider>,
    );
    await screen.findByText('Uncovered: none');
    const edited = await request(Edit, { id: 'c-rm', skills: ['s-foi'] });
    expect(edited.updateCommunity.community.name).toBe('Records Management');
    await screen.findByText('Uncovered: Freedom of information');
    expect(calls.map((c) => c.operation)).toEqual(['Health4', 'Edit4', 'Health4']);
  });
});
