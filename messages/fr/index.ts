// The French messages, one file per namespace (one per domain or part of the shell).
import meta from './meta.json';
import shell from './shell.json';
import nav from './nav.json';
import locale from './locale.json';
import userMenu from './userMenu.json';
import roles from './roles.json';
import siteKinds from './siteKinds.json';
import common from './common.json';
import notFound from './notFound.json';
import errors from './errors.json';
import login from './login.json';
import overview from './overview.json';
import sites from './sites.json';
import users from './users.json';
import qa from './qa.json';
import kpi from './kpi.json';
import sitePage from './sitePage.json';
import calendar from './calendar.json';
import targets from './targets.json';
import credentials from './credentials.json';
import displays from './displays.json';
import missions from './missions.json';
import reports from './reports.json';
import digests from './digests.json';
import outbox from './outbox.json';
import upload from './upload.json';
import audit from './audit.json';
import setup from './setup.json';
import live from './live.json';
import today from './today.json';
import alerts from './alerts.json';
import contracts from './contracts.json';
import importMappings from './importMappings.json';
import coaching from './coaching.json';
import roster from './roster.json';
import agents from './agents.json';

const messages = {
  meta,
  shell,
  nav,
  locale,
  userMenu,
  roles,
  siteKinds,
  common,
  notFound,
  errors,
  login,
  overview,
  sites,
  users,
  qa,
  kpi,
  sitePage,
  calendar,
  targets,
  credentials,
  displays,
  missions,
  reports,
  digests,
  outbox,
  upload,
  audit,
  setup,
  live,
  today,
  alerts,
  contracts,
  importMappings,
  coaching,
  roster,
  agents,
};

export default messages;
