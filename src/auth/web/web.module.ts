import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { WebSessionController } from './web-session.controller';

/** The browser-facing pieces: cookie sign-in/out. The static app itself is mounted in app-factory.ts. */
@Module({
  imports: [StaffModule],
  controllers: [WebSessionController],
})
export class WebModule {}
