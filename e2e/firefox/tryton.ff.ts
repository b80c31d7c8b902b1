import { startFirefox } from '../tryton/firefox-driver';
import { trytonScenarios } from '../tryton/scenarios';

trytonScenarios(startFirefox);
