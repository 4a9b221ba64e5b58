import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Access } from '../common/access/access.service';
import { DpiaController } from './dpia.controller';
import { DpiaRules } from './dpia-rules';
import { DpiaRepository } from './dpia.repository';
import { DpiaService } from './dpia.service';

@Global()
@Module({
  controllers: [DpiaController],
  providers: [DpiaService, DpiaRules, DpiaRepository],
  exports: [DpiaService, DpiaRepository],
})
export class DpiaModule implements OnModuleInit {
  constructor(
    private readonly access: Access,
    private readonly rules: DpiaRules,
  ) {}

  onModuleInit(): void {
    this.access.register(this.rules);
  }
}
