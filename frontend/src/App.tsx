import { Navigate, Route, Routes } from 'react-router';
import { AuthGate } from './auth/AuthGate';
import type { Me } from './auth/types';
import { AppShell } from './components/AppShell';
import { AdminPage } from './pages/AdminPage';
import { CommunitiesPage } from './pages/CommunitiesPage';
import { CommunityPage } from './pages/CommunityPage';
import { InterviewPage } from './pages/InterviewPage';
import { InterviewsPage } from './pages/InterviewsPage';
import { MyProfilePage } from './pages/MyProfilePage';
import { NetworkPage } from './pages/NetworkPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';
import { QuestionPage } from './pages/QuestionPage';
import { QuestionsPage } from './pages/QuestionsPage';
import { RetentionPage } from './pages/RetentionPage';
import { RiskPage } from './pages/RiskPage';
import { SearchPage } from './pages/SearchPage';
import { SkillPage } from './pages/SkillPage';
import { SkillsPage } from './pages/SkillsPage';

/**
 * Every route of the app, once someone is signed in. The server serves
 * index.html for unknown paths, so deep links work (after signing in too).
 * `initialMe` skips asking the server who is signed in (tests).
 */
export function App({ initialMe }: { initialMe?: Me }) {
  return (
    <AuthGate initialMe={initialMe}>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/search" replace />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:id" element={<PersonPage />} />
          <Route path="skills" element={<SkillsPage />} />
          <Route path="skills/:id" element={<SkillPage />} />
          <Route path="communities" element={<CommunitiesPage />} />
          <Route path="communities/:id" element={<CommunityPage />} />
          <Route path="interviews" element={<InterviewsPage />} />
          <Route path="interviews/:id" element={<InterviewPage />} />
          <Route path="questions" element={<QuestionsPage />} />
          <Route path="questions/:id" element={<QuestionPage />} />
          <Route path="me" element={<MyProfilePage />} />
          <Route path="hr/risk" element={<RiskPage />} />
          <Route path="hr/retention" element={<RetentionPage />} />
          <Route path="network" element={<NetworkPage />} />
          <Route path="admin" element={<AdminPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthGate>
  );
}
