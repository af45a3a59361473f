import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { graphql } from '../graphql';
import { mockApi } from '../test/mockApi';
import { ApiProvider } from './ApiProvider';
import { request } from './client';
import { useQuery } from './useQuery';

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
});
