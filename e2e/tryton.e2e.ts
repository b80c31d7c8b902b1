import { startChromium } from './tryton/chromium-driver';
import { trytonScenarios } from './tryton/scenarios';

trytonScenarios(startChromium);
