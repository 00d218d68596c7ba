import type { Migration } from './migration';
import { migration as m0001 } from './0001-create-sites';
import { migration as m0002 } from './0002-create-classifications';
import { migration as m0003 } from './0003-create-settings';
import { migration as m0004 } from './0004-create-audit-log';
import { migration as m0005 } from './0005-create-evidence-files';
import { migration as m0006 } from './0006-create-inventory';
import { migration as m0007 } from './0007-create-media';
import { migration as m0008 } from './0008-create-checklist';
import { migration as m0009 } from './0009-create-bundles';
import { migration as m0010 } from './0010-create-regulation';
import { migration as m0011 } from './0011-media-log-indexes';
import { migration as m0012 } from './0012-media-log-anchors';
import { migration as m0013 } from './0013-create-bundle-exports';
import { migration as m0014 } from './0014-device-sort-key';
import { migration as m0015 } from './0015-create-definitions';
import { migration as m0016 } from './0016-bundle-definitions';
import { migration as m0017 } from './0017-create-advisories';
import { migration as m0018 } from './0018-bundle-advisories';
import { migration as m0019 } from './0019-create-registers';

/** Strictly ascending by version (tested). Append new migrations; never edit one that has shipped. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018, m0019];

export type { Migration };
